package io.etwcorr.simulator;

import java.util.SplittableRandom;

/** Plans the benign behaviours of one host from the fleet's {@link BenignMix}, and labels the periodic ones. */
final class BenignActivities {
    static final String ONEDRIVE_DOMAIN = "oneclient.sfx.ms";
    static final String EDGE_UPDATE_DOMAIN = "msedge.api.cdp.microsoft.com";
    static final String WINDOWS_UPDATE_DOMAIN = "fe3cr.delivery.mp.microsoft.com";
    static final String TELEMETRY_DOMAIN = "v10.events.data.microsoft.com";
    static final String WEBMAIL_DOMAIN = "outlook.office365.com";
    static final String NTP_DOMAIN = "time.windows.com";
    static final String TEAMS_DOMAIN = "pub-ent-euwe-02-t.trouter.teams.microsoft.com";
    static final String SLACK_DOMAIN = "wss-primary.slack.com";
    static final String MONITORING_DOMAIN = "zabbix.corp.example";
    static final String BACKUP_DOMAIN = "backup01.corp.example";
    private static final int ZABBIX_ACTIVE_PORT = 10_051;
    private static final int BACKUP_PORT = 9_403;
    private static final long MONITORING_PERIOD_S = 60;
    private static final long BACKUP_PERIOD_S = 600;

    private BenignActivities() {
    }

    static void plan(HostSimulator host, FleetSpec spec) {
        BenignMix mix = spec.benign();
        BootedHost booted = host.booted;
        SplittableRandom random = host.random();
        long start = spec.startMicros();
        double scale = spec.rateScale();
        if (mix.fleetServices()) {
            poll(host, start, booted.oneDrive, ONEDRIVE_DOMAIN, 300, 0.03, BenignCategory.FLEET_SERVICE);
            poll(host, start, booted.edgeUpdate, EDGE_UPDATE_DOMAIN, 3600, 0.02, BenignCategory.FLEET_SERVICE);
            poll(host, start, booted.updateService, WINDOWS_UPDATE_DOMAIN, 1800, 0.05, BenignCategory.FLEET_SERVICE);
            poll(host, start, booted.telemetryService, TELEMETRY_DOMAIN, 900, 0.04, BenignCategory.FLEET_SERVICE);
        }
        if (mix.browserPolling() && random.nextBoolean()) {
            poll(host, start, booted.browser, WEBMAIL_DOMAIN, mix.browserPollS(), 0.1, BenignCategory.BROWSER);
        }
        if (mix.ntp()) {
            host.truth.benign(host, booted.timeService, NTP_DOMAIN, BenignCategory.NTP);
            host.schedule(start + phase(random, mix.ntpPeriodS()), new NtpSync(booted.timeService, mix.ntpPeriodS()));
        }
        if (mix.chat()) {
            String domain = booted.chat.name().equals("slack.exe") ? SLACK_DOMAIN : TEAMS_DOMAIN;
            host.truth.benign(host, booted.chat, domain, BenignCategory.KEEPALIVE);
            host.schedule(start + Micros.seconds(random.nextDouble(1, 120)), new ChatKeepAlive(booted.chat, domain, mix.chatKeepAliveS()));
        }
        if (mix.browsing() && mix.pageVisitsPerMinute() * scale > 0) {
            host.schedule(start + Micros.seconds(random.nextDouble(0, 60)), new Browsing(booted.browser, 60 / (mix.pageVisitsPerMinute() * scale)));
        }
        if (mix.adminTools() && mix.adminToolRunsPerHour() * scale > 0) {
            AdminTools tools = new AdminTools(3600 / (mix.adminToolRunsPerHour() * scale));
            host.schedule(start + tools.gap(random), tools);
        }
        if (mix.threads() && scale > 0) {
            host.schedule(start + Micros.exponential(random, ThreadCreation.MEAN_GAP_S / scale), new ThreadCreation(scale));
        }
        if (mix.noise() && scale > 0) {
            host.schedule(start + Micros.exponential(random, FileNoise.MEAN_GAP_S / scale), new FileNoise(scale));
        }
        servers(host, spec);
    }

    /** What runs on the servers, the domain controllers and the backed-up hosts of a mix that has them. */
    private static void servers(HostSimulator host, FleetSpec spec) {
        BenignMix mix = spec.benign();
        long start = spec.startMicros();
        int fromEnd = spec.hosts() - host.index;
        if (fromEnd <= mix.monitoredServers()) {
            AgentPoll zabbix = new AgentPoll(ProcessImage.at("C:\\Program Files\\Zabbix Agent\\zabbix_agentd.exe"),
                    "\"C:\\Program Files\\Zabbix Agent\\zabbix_agentd.exe\" --config \"C:\\Program Files\\Zabbix Agent\\zabbix_agentd.conf\"",
                    MONITORING_DOMAIN, ZABBIX_ACTIVE_PORT, MONITORING_PERIOD_S, 310, 95);
            long startAt = start + phase(host.random(), 30);
            zabbix.start(host, startAt, BenignCategory.MONITORING);
            host.schedule(startAt + phase(host.random(), MONITORING_PERIOD_S), zabbix);
        }
        if (fromEnd <= mix.domainControllers()) {
            host.truth.benign(host, host.booted.timeService, DcTimeSync.NTP_POOL, BenignCategory.NTP);
            host.schedule(start + phase(host.random(), 1024), new DcTimeSync(host.booted.timeService));
        }
        if (mix.quic() && spec.rateScale() > 0) {
            QuicVideo video = new QuicVideo(host.booted.browser, Seeds.random(spec.seed(), Seeds.QUIC_VIDEO, host.index), spec.rateScale());
            host.schedule(video.firstSession(start), video);
        }
        if (spread(host, mix.meetingShare()) && fromEnd > mix.monitoredServers() && spec.rateScale() > 0) {
            // Teams users meet in the Teams client; the others join Teams meetings in the browser.
            SimProcess client = host.booted.chat.name().equals("Teams.exe") ? host.booted.chat : host.booted.browser;
            VideoMeeting meetings = new VideoMeeting(client, Seeds.random(spec.seed(), Seeds.VIDEO_MEETING, host.index), spec.rateScale());
            host.schedule(meetings.firstMeeting(start), meetings);
        }
        if (spread(host, mix.backupAgentShare())) {
            AgentPoll backup = new AgentPoll(ProcessImage.at("C:\\Program Files\\Backup Agent\\BackupAgentSvc.exe"),
                    "\"C:\\Program Files\\Backup Agent\\BackupAgentSvc.exe\" -service", BACKUP_DOMAIN, BACKUP_PORT, BACKUP_PERIOD_S,
                    540, 210);
            long startAt = start + phase(host.random(), 60);
            backup.start(host, startAt, BenignCategory.BACKUP);
            host.schedule(startAt + phase(host.random(), BACKUP_PERIOD_S), backup);
        }
    }

    /** Whether {@code host} is one of {@code share} of the fleet's hosts, spread evenly over it. */
    private static boolean spread(HostSimulator host, double share) {
        return share > 0 && host.index % Math.max(1, Math.round(1 / share)) == 0;
    }

    private static void poll(HostSimulator host, long start, SimProcess process, String domain, long periodS, double jitter,
            BenignCategory category) {
        host.truth.benign(host, process, domain, category);
        host.schedule(start + phase(host.random(), periodS), new PeriodicPoll(process, domain, periodS, jitter));
    }

    // Hosts booted at different times: each starts its period at its own phase.
    private static long phase(SplittableRandom random, long periodS) {
        return Micros.seconds(random.nextDouble(1, periodS + 1));
    }
}
