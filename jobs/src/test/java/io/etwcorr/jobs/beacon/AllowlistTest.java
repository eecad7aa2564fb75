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
}
