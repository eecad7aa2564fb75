package io.etwcorr.jobs.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.Callback;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowlistTest {

    private static Allowlist allowlist(List<String> images, List<String> domains, List<String> cidrs) {
        EtwcorrConfig.Allowlist config = new EtwcorrConfig.Allowlist();
        config.images = images;
        config.domains = domains;
        config.cidrs = cidrs;
        return new Allowlist(config);
    }

    private static Callback callback(String executable, String domain, String ip) {
        Callback callback = new Callback();
        callback.executable = executable;
        callback.domain = domain;
        callback.ip = ip;
        return callback;
    }

    @Test
    void imageGlobsMatchTheFileNameOrTheWholePathIgnoringCase() {
        Allowlist allowlist = allowlist(List.of("onedrive.exe", "C:\\Program Files\\Vendor\\*"), List.of(), List.of());
        assertThat(allowlist.allows(callback("C:\\Users\\a\\OneDrive.exe", null, null))).isTrue();
        assertThat(allowlist.allows(callback("C:\\Program Files\\Vendor\\agent.exe", null, null))).isTrue();
        assertThat(allowlist.allows(callback("C:\\Windows\\System32\\rundll32.exe", null, null))).isFalse();
    }

    @Test
    void aDomainRuleMatchesItsSubdomainsAndTheApex() {
        Allowlist allowlist = allowlist(List.of(), List.of("windowsupdate.com", "*.Teams.Microsoft.com"), List.of());
        assertThat(allowlist.allows(callback(null, "windowsupdate.com", null))).isTrue();
        assertThat(allowlist.allows(callback(null, "fe2.update.windowsupdate.com", null))).isTrue();
        assertThat(allowlist.allows(callback(null, "teams.microsoft.com", null))).isTrue();
        assertThat(allowlist.allows(callback(null, "notwindowsupdate.com", null))).isFalse();
        assertThat(allowlist.allows(callback(null, "windowsupdate.com.evil.example", null))).isFalse();
    }

    @Test
    void cidrsMatchIpv4AndIpv6Destinations() {
        Allowlist allowlist = allowlist(List.of(), List.of(), List.of("10.0.0.0/8", "2001:db8::/32", "192.0.2.7"));
        assertThat(allowlist.allows(callback(null, null, "10.200.3.4"))).isTrue();
        assertThat(allowlist.allows(callback(null, null, "2001:db8:1::5"))).isTrue();
        assertThat(allowlist.allows(callback(null, null, "192.0.2.7"))).isTrue();
        assertThat(allowlist.allows(callback(null, null, "192.0.2.8"))).isFalse();
        assertThat(allowlist.allows(callback(null, null, "11.0.0.1"))).isFalse();
        assertThat(allowlist.allows(callback(null, null, "not-an-ip.example"))).isFalse();
    }

    @Test
    void aBadRuleFailsAtStartUp() {
        assertThatThrownBy(() -> allowlist(List.of(), List.of(), List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> allowlist(List.of(), List.of(), List.of("intranet")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intranet");
    }

    private static Callback over(String transport, String executable, String domain) {
        Callback callback = callback(executable, domain, "198.51.100.9");
        callback.transport = transport;
        return callback;
    }

    @Test
    void aShippedPairNeedsTheImageTheDomainAndTheTransport() {
        Allowlist defaults = new Allowlist(new EtwcorrConfig.Allowlist());
        String svchost = "C:\\Windows\\System32\\svchost.exe";
        assertThat(defaults.allows(over("udp", svchost, "time.windows.com"))).isTrue();
        assertThat(defaults.allows(over("tcp", svchost, "time.windows.com"))).as("NTP is UDP").isFalse();
        assertThat(defaults.allows(over("udp", svchost, "2.europe.pool.ntp.org"))).as("a DC's external peers").isTrue();
        assertThat(defaults.allows(over("udp", svchost, "time.evil.example"))).as("the same image, another domain").isFalse();
        assertThat(defaults.allows(over("udp", "C:\\Users\\a\\svchost.exe", "time.windows.com")))
                .as("svchost.exe outside System32").isFalse();
        String teams = "C:\\Users\\a\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe";
        assertThat(defaults.allows(over("tcp", teams, "pub-ent-euwe-02-t.trouter.teams.microsoft.com"))).isTrue();
        assertThat(defaults.allows(over("tcp", "C:\\x\\rundll32.exe", "teams.microsoft.com")))
                .as("another image calling the vendor's domain").isFalse();
    }

    @Test
    void aDefaultCanBeSwitchedOffByNameAndOwnPairsAdded() {
        EtwcorrConfig.Allowlist config = new EtwcorrConfig.Allowlist();
        config.disabledDefaults = List.of("windows-time");
        config.pairs = List.of(new EtwcorrConfig.Pair("backup", "C:/Program Files/Backup/agent.exe", "backup.corp.example",
                "tcp", "the backup agent checks in every 5 minutes"));
        Allowlist allowlist = new Allowlist(config);
        assertThat(allowlist.allows(over("udp", "C:\\Windows\\System32\\svchost.exe", "time.windows.com"))).isFalse();
        assertThat(allowlist.allows(over("tcp", "C:\\Program Files\\Backup\\agent.exe", "eu.backup.corp.example"))).isTrue();
    }

    @Test
    void anUnknownDefaultOrAnIncompletePairFailsAtStartUp() {
        EtwcorrConfig.Allowlist unknown = new EtwcorrConfig.Allowlist();
        unknown.disabledDefaults = List.of("windows-tiem");
        assertThatThrownBy(() -> new Allowlist(unknown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("windows-tiem").hasMessageContaining("windows-time");
        EtwcorrConfig.Allowlist incomplete = new EtwcorrConfig.Allowlist();
        incomplete.pairs = List.of(new EtwcorrConfig.Pair("x", "agent.exe", null, "tcp", "why"));
        assertThatThrownBy(() -> new Allowlist(incomplete)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x'");
    }
}
