package io.etwcorr.jobs.beacon;

import io.etwcorr.jobs.config.EtwcorrConfig.Pair;
import java.util.List;

/**
 * The shipped (image, destination suffix, transport) pairs: services of Windows and of common SaaS
 * clients whose periodic check-ins are beacons by every measure. Each needs both the image (an OS
 * path, or the vendor's file name) and the vendor's domain: the same image calling an unknown domain,
 * or an unknown image calling the vendor's domain, is still scored. Switch an entry off with
 * {@code beacon.allowlist.disabledDefaults: [name]}.
 */
public final class DefaultAllowlist {
    private static final String SVCHOST = "c:/windows/system32/svchost.exe";

    public static final List<Pair> ENTRIES = List.of(
            new Pair("windows-time", SVCHOST, "time.windows.com", "udp",
                    "Windows Time (w32time) synchronizes with time.windows.com over NTP at a fixed period"),
            new Pair("ntp-pool", SVCHOST, "pool.ntp.org", "udp",
                    "Windows Time on a domain's time source (the PDC emulator) polls the NTP Pool, its usual external peer"),
            new Pair("windows-update", SVCHOST, "delivery.mp.microsoft.com", "any",
                    "Windows Update (wuauserv) polls its delivery service on a schedule"),
            new Pair("windows-update-legacy", SVCHOST, "windowsupdate.com", "any",
                    "Windows Update's older endpoints, polled on a schedule"),
            new Pair("windows-telemetry", SVCHOST, "events.data.microsoft.com", "any",
                    "Connected User Experiences and Telemetry (DiagTrack) uploads on a schedule"),
            new Pair("defender-cloud", "msmpeng.exe", "wdcp.microsoft.com", "any",
                    "Microsoft Defender's cloud protection checks in periodically"),
            new Pair("defender-updates", "msmpeng.exe", "update.microsoft.com", "any",
                    "Microsoft Defender polls for signature updates"),
            new Pair("edge-update", "microsoftedgeupdate.exe", "cdp.microsoft.com", "any",
                    "Microsoft Edge's updater polls its update service hourly"),
            new Pair("teams", "teams.exe", "teams.microsoft.com", "tcp",
                    "Microsoft Teams (classic) keeps a connection to its notification service with keep-alives"),
            new Pair("teams-new", "ms-teams.exe", "teams.microsoft.com", "tcp",
                    "Microsoft Teams (new) keeps a connection to its notification service with keep-alives"),
            new Pair("slack", "slack.exe", "slack.com", "tcp",
                    "Slack keeps a WebSocket to wss-primary.slack.com with keep-alives"),
            new Pair("zoom", "zoom.exe", "zoom.us", "any",
                    "Zoom's client keeps a connection to its web service and polls for updates"),
            new Pair("onedrive", "onedrive.exe", "live.com", "tcp",
                    "OneDrive polls its sync service for changes"),
            new Pair("onedrive-updates", "onedrive.exe", "oneclient.sfx.ms", "any",
                    "OneDrive checks its update feed periodically"),
            new Pair("onedrive-business", "onedrive.exe", "sharepoint.com", "tcp",
                    "OneDrive for Business polls SharePoint for changes"));

    private DefaultAllowlist() {}
}
