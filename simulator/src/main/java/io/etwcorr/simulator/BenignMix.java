package io.etwcorr.simulator;

/**
 * Which benign behaviours run on every host, and how often. Rates of the irregular behaviours are
 * further multiplied by {@link FleetSpec#rateScale()}; periods of the periodic ones are not, since
 * they are what a beacon detector must learn to tell apart.
 *
 * @param browsing               chrome.exe / msedge.exe visiting pages (DNS with CNAME chains, IPv4 and IPv6 connections)
 * @param browserPolling         a webmail tab of the browser polling one site every {@code browserPollS}
 * @param fleetServices          update and telemetry services polling the same domains from every host
 * @param ntp                    w32time (in svchost.exe) querying time.windows.com over UDP every {@code ntpPeriodS}
 * @param chat                   Teams.exe or slack.exe keeping one TCP connection with a small send every {@code chatKeepAliveS}
 * @param adminTools             short-lived cmd.exe / powershell.exe (with conhost.exe) runs, which reuse PIDs
 * @param threads                ThreadStart events of processes creating their own threads
 * @param noise                  events of a provider the jobs pass over
 * @param pageVisitsPerMinute    page visits per minute while the user browses
 * @param adminToolRunsPerHour   admin tool runs per hour
 * @param browserPollS           period of the webmail tab's poll, seconds
 * @param ntpPeriodS             NTP period, seconds
 * @param chatKeepAliveS         chat keep-alive period, seconds
 * @param monitoredServers       the last this many hosts are servers whose monitoring agent (zabbix_agentd.exe) checks in with
 *                               the monitoring server every 60 s, which accepts and answers
 * @param domainControllers      the last this many hosts are domain controllers, whose w32time syncs with pool.ntp.org over UDP
 * @param quic                   the browser streams video over QUIC (UDP 443) from CDNs at real bitrates, in sessions at
 *                               irregular times ({@link QuicVideo})
 * @param backupAgentShare       share of the hosts (spread over the fleet) whose backup agent asks the backup server for jobs
 *                               every 10 minutes
 * @param meetingShare           share of the hosts (spread over the fleet, monitored servers excepted) whose user joins video
 *                               meetings, 0–3 a working day
 *                               ({@link VideoMeeting})
 */
public record BenignMix(
        boolean browsing,
        boolean browserPolling,
        boolean fleetServices,
        boolean ntp,
        boolean chat,
        boolean adminTools,
        boolean threads,
        boolean noise,
        double pageVisitsPerMinute,
        double adminToolRunsPerHour,
        long browserPollS,
        long ntpPeriodS,
        long chatKeepAliveS,
        int monitoredServers,
        int domainControllers,
        boolean quic,
        double backupAgentShare,
        double meetingShare) {
    /** The share of hosts with video meetings in {@link #withVideoAndMeetings()}: about half of an office's users join one daily. */
    public static final double OFFICE_MEETING_SHARE = 0.5;

    public BenignMix {
        if (pageVisitsPerMinute < 0 || adminToolRunsPerHour < 0) {
            throw new IllegalArgumentException("rates must be >= 0");
        }
        if (browserPollS < 1 || ntpPeriodS < 1 || chatKeepAliveS < 1) {
            throw new IllegalArgumentException("periods must be >= 1 s");
        }
        if (monitoredServers < 0 || domainControllers < 0) {
            throw new IllegalArgumentException("server counts must be >= 0");
        }
        if (!(backupAgentShare >= 0 && backupAgentShare <= 1)) {
            throw new IllegalArgumentException("backupAgentShare must be in [0, 1], got " + backupAgentShare);
        }
        if (!(meetingShare >= 0 && meetingShare <= 1)) {
            throw new IllegalArgumentException("meetingShare must be in [0, 1], got " + meetingShare);
        }
    }

    /** A workstation mix without servers, QUIC, backup agents or meetings. */
    public BenignMix(boolean browsing, boolean browserPolling, boolean fleetServices, boolean ntp, boolean chat, boolean adminTools,
            boolean threads, boolean noise, double pageVisitsPerMinute, double adminToolRunsPerHour, long browserPollS, long ntpPeriodS,
            long chatKeepAliveS) {
        this(browsing, browserPolling, fleetServices, ntp, chat, adminTools, threads, noise, pageVisitsPerMinute, adminToolRunsPerHour,
                browserPollS, ntpPeriodS, chatKeepAliveS, 0, 0, false, 0, 0);
    }

    /** This mix on a network whose last {@code monitored} hosts are monitored servers, the last {@code controllers} of them DCs. */
    public BenignMix withServers(int monitored, int controllers) {
        return new BenignMix(browsing, browserPolling, fleetServices, ntp, chat, adminTools, threads, noise, pageVisitsPerMinute,
                adminToolRunsPerHour, browserPollS, ntpPeriodS, chatKeepAliveS, monitored, controllers, quic, backupAgentShare,
                meetingShare);
    }

    /** This mix with QUIC video streaming in the browser. */
    public BenignMix withQuic() {
        return new BenignMix(browsing, browserPolling, fleetServices, ntp, chat, adminTools, threads, noise, pageVisitsPerMinute,
                adminToolRunsPerHour, browserPollS, ntpPeriodS, chatKeepAliveS, monitoredServers, domainControllers, true, backupAgentShare,
                meetingShare);
    }

    /** This mix with a backup agent on {@code share} of the hosts. */
    public BenignMix withBackupAgents(double share) {
        return new BenignMix(browsing, browserPolling, fleetServices, ntp, chat, adminTools, threads, noise, pageVisitsPerMinute,
                adminToolRunsPerHour, browserPollS, ntpPeriodS, chatKeepAliveS, monitoredServers, domainControllers, quic, share,
                meetingShare);
    }

    /** This mix with video meetings on {@code share} of the hosts. */
    public BenignMix withMeetings(double share) {
        return new BenignMix(browsing, browserPolling, fleetServices, ntp, chat, adminTools, threads, noise, pageVisitsPerMinute,
                adminToolRunsPerHour, browserPollS, ntpPeriodS, chatKeepAliveS, monitoredServers, domainControllers, quic, backupAgentShare,
                share);
    }

    /**
     * The realistic office: this mix with the browser's QUIC video on every host and video meetings on
     * {@link #OFFICE_MEETING_SHARE} of them, the two that move most of a real office host's bytes.
     */
    public BenignMix withVideoAndMeetings() {
        return withQuic().withMeetings(OFFICE_MEETING_SHARE);
    }

    /** Everything on, at office-workstation rates. */
    public static BenignMix defaults() {
        return new BenignMix(true, true, true, true, true, true, true, true, 1.5, 6, 60, 900, 30);
    }

    /** Nothing but the process tree and the collector's heartbeats. */
    public static BenignMix none() {
        return new BenignMix(false, false, false, false, false, false, false, false, 1.5, 6, 60, 900, 30);
    }
}
