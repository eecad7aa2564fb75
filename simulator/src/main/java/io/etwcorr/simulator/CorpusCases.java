package io.etwcorr.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The hard cases of the detection corpus (issue 15), as fleets with ground truth: what an attacker
 * and a messy network do that the grid's one-implant-per-cell layout does not. Written from how the
 * tradecraft and the services behave, not from what the engine happens to catch.
 */
public final class CorpusCases {
    /** Longer than every retention of the job (24 h): lineage, prevalence window, episodes. */
    public static final long LONG_HAUL_S = 50 * 3600;
    /** Hosts of the long-haul fleet: nine with implants, two clean workstations, three servers (the last a DC). */
    public static final int LONG_HAUL_HOSTS = 14;
    static final int LONG_HAUL_SERVERS = 3;
    static final int LONG_HAUL_DOMAIN_CONTROLLERS = 1;
    /** Meetings on a quarter of the hosts (servers excepted), not the office's half: a meeting is 0.5–1.5 M events. */
    static final double LONG_HAUL_MEETING_SHARE = 0.25;
    /** The prevalence fleets are short and sparse: prevalence needs hosts, not hours. */
    public static final long PREVALENCE_S = 2 * 3600;

    private CorpusCases() {
    }

    /** A fleet and the cases it holds. */
    public record CaseFleet(String name, FleetSpec fleet, List<CorpusCase> cases) {
        public CaseFleet {
            cases = List.copyOf(cases);
        }
    }

    /**
     * Fifty hours of a small office: one implant per hard case (two on one host), the benign UDP
     * services and three servers' monitoring agent.
     */
    public static CaseFleet longHaul(long seed) {
        Builder cases = new Builder();
        cases.implant("4-hour sleep", "sleep 4 h, 20 % jitter, injected rundll32.exe; its 8th callback comes ~30 h after "
                + "the stager exited", new ImplantSpec(0, 1800, 4 * 3600, 0.2, JitterKind.ASYMMETRIC, 0.0,
                        BeaconMode.NEW_CONNECTION, Delivery.INJECTED, InjectionTarget.SPAWNED_RUNDLL32, "cdn.slow-sleeper.example", 443, 0));
        cases.implant("60 % jitter", "sleep 5 min, jitter 60 % uniform (±), 10 % missed, rundll32.exe run directly",
                new ImplantSpec(1, 2400, 300, 0.6, JitterKind.SYMMETRIC, 0.1, BeaconMode.NEW_CONNECTION,
                        Delivery.DIRECT, InjectionTarget.SPAWNED_RUNDLL32, "api.jittery-loader.example", 443, 0));
        cases.implant("keep-alive, 30 % missed", "one kept-alive TLS connection, a check-in burst every 2 min "
                + "(±20 %), 30 % of check-ins skipped; injected notepad.exe",
                new ImplantSpec(2, 3000, 120, 0.2, JitterKind.SYMMETRIC, 0.3, BeaconMode.KEEP_ALIVE,
                        Delivery.INJECTED, InjectionTarget.SPAWNED_NOTEPAD, "sync.quiet-channel.example", 443, 0));
        cases.implant("injected into chrome", "injected into the user's chrome.exe, which keeps browsing (and "
                + "streaming QUIC); sleep 10 min, 30 % jitter",
                new ImplantSpec(3, 3600, 600, 0.3, JitterKind.ASYMMETRIC, 0.05, BeaconMode.NEW_CONNECTION,
                        Delivery.INJECTED, InjectionTarget.SPAWNED_RUNDLL32, "static.cdn-metrics.example", 443, 0, Tradecraft.INTO_BROWSER));
        cases.implant("IPv6-only C2", "the C2 name has AAAA records only: every A lookup fails (no records, or "
                + "NXDOMAIN), AAAA answers, TCP over IPv6; sleep 15 min ±25 %, injected rundll32.exe",
                new ImplantSpec(4, 4200, 900, 0.25, JitterKind.SYMMETRIC, 0.05, BeaconMode.NEW_CONNECTION,
                        Delivery.INJECTED, InjectionTarget.SPAWNED_RUNDLL32, "v6.update-mirror.example", 443, 0, Tradecraft.IPV6_ONLY));
        cases.implant("cache-only lookups", "lookups seen only as the DNS cache service's 3019/3020 and 3016/3018 "
                + "(v1, ClientPID), never as 3006/3008 of the process; sleep 30 min, 20 % jitter, rundll32.exe",
                new ImplantSpec(5, 4800, 1800, 0.2, JitterKind.ASYMMETRIC, 0.0, BeaconMode.NEW_CONNECTION,
                        Delivery.DIRECT, InjectionTarget.SPAWNED_RUNDLL32, "telemetry.cache-ghost.example", 443, 0, Tradecraft.CACHE_ONLY));
        cases.implant("two implants on one host", "an injected svchost.exe beaconing every minute and a DNS tunnel "
                + "(hourly TXT/A lookups) from a second chain on the same host",
                new ImplantSpec(6, 5400, 60, 0.2, JitterKind.ASYMMETRIC, 0.05, BeaconMode.NEW_CONNECTION,
                        Delivery.INJECTED, InjectionTarget.EXISTING_SVCHOST, "a.twin-one.example", 443, 0),
                new ImplantSpec(6, 9000, 3600, 0.1, JitterKind.SYMMETRIC, 0.0, BeaconMode.DNS_ONLY,
                        Delivery.DIRECT, InjectionTarget.SPAWNED_RUNDLL32, "t.twin-two.example", 53, 0));
        cases.implant("scheduled task", "the stager registers a task: every 5 min svchost.exe (Schedule) runs "
                + "cmd.exe /c curl.exe, a new curl.exe per callback",
                new ImplantSpec(7, 6000, 300, 0.0, JitterKind.ASYMMETRIC, 0.0, BeaconMode.NEW_CONNECTION,
                        Delivery.DIRECT, InjectionTarget.SPAWNED_RUNDLL32, "updates.task-runner.example", 443, 0, Tradecraft.SCHEDULED_TASK));
        cases.implant("PowerShell loop", "the macro's powershell.exe loops, starting a new powershell.exe download "
                + "cradle every 7 min ±30 %",
                new ImplantSpec(8, 6600, 420, 0.3, JitterKind.SYMMETRIC, 0.0, BeaconMode.NEW_CONNECTION,
                        Delivery.DIRECT, InjectionTarget.SPAWNED_RUNDLL32, "cdn.loop-cradle.example", 443, 0, Tradecraft.LOOP));
        cases.benign("NTP from a DC", "the domain controller's w32time polls pool.ntp.org over UDP 123 every 1024 s",
                BenignCategory.NTP, DcTimeSync.NTP_POOL, false);
        cases.benign("QUIC to a CDN", "browsers stream video over QUIC (UDP 443) from CDNs, in sessions",
                BenignCategory.QUIC, null, false);
        cases.benign("video meetings", "a quarter of the workstations' users join Teams meetings (30–60 min of UDP media at 1–2.5 Mbit/s "
                + "each way, a datagram every few ms) to one transport relay", BenignCategory.MEETING, VideoMeeting.RELAY_DOMAIN, false);
        cases.benign("monitoring agent on 3 servers", "zabbix_agentd.exe checks in with zabbix.corp.example:10051 "
                + "every 60 s with constant sizes; the server accepts and answers", BenignCategory.MONITORING, null, null);
        BenignMix mix = BenignMix.defaults().withServers(LONG_HAUL_SERVERS, LONG_HAUL_DOMAIN_CONTROLLERS).withQuic()
                .withMeetings(LONG_HAUL_MEETING_SHARE);
        return new CaseFleet("long-haul", new FleetSpec(seed, LONG_HAUL_HOSTS, FleetSpec.DEFAULT_START_MICROS, LONG_HAUL_S, 0.2,
                cases.implants, mix), cases.cases);
    }

    /**
     * {@code hosts} hosts for two hours, sparse (no browsing or admin tools: prevalence needs
     * hosts, not events): the fleet services everywhere, a backup agent on 6 % of the hosts, a
     * monitoring agent on 2 % (at least 3) of them, DCs polling pool.ntp.org, and the same C2
     * domain reached from one host (a lone implant), from 0.4 % (at least 3) and from 1.5 % (at
     * least 5) of the hosts (a campaign, an outbreak).
     */
    public static CaseFleet prevalence(long seed, int hosts) {
        int monitored = Math.max(3, hosts / 50);
        int controllers = Math.max(1, hosts / 500);
        int campaign = Math.max(3, hosts / 250);
        int outbreak = Math.max(5, hosts * 3 / 200);
        Builder cases = new Builder();
        cases.implant("lone implant", "one host, sleep 60 s", prevalenceImplant(0, "lone.prevalence-c2.example"));
        cases.implant("campaign on " + campaign + " hosts", "the same C2 domain from " + campaign + " hosts",
                spread(1, campaign, hosts, "campaign.prevalence-c2.example"));
        cases.implant("outbreak on " + outbreak + " hosts", "the same C2 domain from " + outbreak + " hosts",
                spread(2, outbreak, hosts, "outbreak.prevalence-c2.example"));
        cases.benign("backup agent on 6 %", "BackupAgentSvc.exe asks backup01.corp.example for jobs every 10 min",
                BenignCategory.BACKUP, null, false);
        cases.benign("monitoring on " + monitored + " servers", "zabbix_agentd.exe every 60 s", BenignCategory.MONITORING,
                null, null);
        cases.benign("NTP from " + controllers + " DC(s)", "w32time → pool.ntp.org every 1024 s", BenignCategory.NTP,
                DcTimeSync.NTP_POOL, false);
        BenignMix mix = new BenignMix(false, false, true, true, false, false, false, false, 0, 0, 60, 900, 30)
                .withServers(monitored, controllers).withBackupAgents(0.06);
        return new CaseFleet("prevalence-" + hosts, new FleetSpec(seed, hosts, FleetSpec.DEFAULT_START_MICROS, PREVALENCE_S, 0,
                cases.implants, mix), cases.cases);
    }

    private static ImplantSpec prevalenceImplant(int host, String domain) {
        return new ImplantSpec(host, 300, 60, 0.2, JitterKind.ASYMMETRIC, 0.05, BeaconMode.NEW_CONNECTION, Delivery.INJECTED,
                InjectionTarget.SPAWNED_RUNDLL32, domain, 443, 0);
    }

    /** {@code count} implants toward {@code domain}, on hosts spread over the fleet from {@code first}. */
    private static ImplantSpec[] spread(int first, int count, int hosts, String domain) {
        ImplantSpec[] implants = new ImplantSpec[count];
        int step = Math.max(1, (hosts - 1) / (count + 1));
        for (int i = 0; i < count; i++) {
            implants[i] = prevalenceImplant((first + i * step) % hosts, domain);
        }
        return implants;
    }

    /** Collects a fleet's implants and the cases that name them by index. */
    private static final class Builder {
        private final List<ImplantSpec> implants = new ArrayList<>();
        private final List<CorpusCase> cases = new ArrayList<>();

        void implant(String name, String description, ImplantSpec... specs) {
            Integer[] indexes = new Integer[specs.length];
            for (int i = 0; i < specs.length; i++) {
                implants.add(specs[i]);
                indexes[i] = implants.size() - 1;
            }
            cases.add(CorpusCase.implant(name, description, indexes));
        }

        void benign(String name, String description, BenignCategory category, String destination, Boolean expectAlert) {
            cases.add(CorpusCase.benign(name, description, category, destination, expectAlert));
        }
    }
}
