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
 * @param videoStreaming         the browser playing video over QUIC on a quarter of the hosts ({@link VideoStreaming}):
 *                               the bulk of a real host's Kernel-Network events, off by default because its segment
 *                               fetches are periodic enough to alert (what a real fleet's prevalence must absorb)
 * @param pageVisitsPerMinute    page visits per minute while the user browses
 * @param adminToolRunsPerHour   admin tool runs per hour
 * @param browserPollS           period of the webmail tab's poll, seconds
 * @param ntpPeriodS             NTP period, seconds
 * @param chatKeepAliveS         chat keep-alive period, seconds
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
        boolean videoStreaming,
        double pageVisitsPerMinute,
        double adminToolRunsPerHour,
        long browserPollS,
        long ntpPeriodS,
        long chatKeepAliveS) {

    public BenignMix {
        if (pageVisitsPerMinute < 0 || adminToolRunsPerHour < 0) {
            throw new IllegalArgumentException("rates must be >= 0");
        }
        if (browserPollS < 1 || ntpPeriodS < 1 || chatKeepAliveS < 1) {
            throw new IllegalArgumentException("periods must be >= 1 s");
        }
    }

    /** Everything on, at office-workstation rates. */
    public static BenignMix defaults() {
        return new BenignMix(true, true, true, true, true, true, true, true, false, 1.5, 6, 60, 900, 30);
    }

    /** {@link #defaults()} with video streaming: the mix whose Kernel-Network volume is closest to a real office host's. */
    public static BenignMix withVideo() {
        return new BenignMix(true, true, true, true, true, true, true, true, true, 1.5, 6, 60, 900, 30);
    }

    /** Nothing but the process tree and the collector's heartbeats. */
    public static BenignMix none() {
        return new BenignMix(false, false, false, false, false, false, false, false, false, 1.5, 6, 60, 900, 30);
    }
}
