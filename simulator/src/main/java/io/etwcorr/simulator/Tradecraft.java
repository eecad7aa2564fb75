package io.etwcorr.simulator;

/**
 * How an implant hides beyond its timing and wire mode: where it runs, how its lookups show up,
 * whether one process or a new one per callback calls back. {@link #STANDARD} is the grid's implant.
 */
public enum Tradecraft {
    /** The chain's process (or its injected victim) resolves the C2 name itself over A and calls back. */
    STANDARD,
    /** Injected into the user's chrome.exe, which keeps browsing: the C2 is one destination among hundreds. */
    INTO_BROWSER,
    /** The C2 name has only AAAA records: each callback's A lookup fails (9501 or 9003), the AAAA one answers, TCP over IPv6. */
    IPV6_ONLY,
    /** The implant's lookups reach ETW only through the DNS cache service (3020/3018 v1 with ClientPID), never as 3006/3008. */
    CACHE_ONLY,
    /** The stager registers a scheduled task: svchost.exe (Schedule) runs {@code cmd.exe /c curl.exe …} per callback. */
    SCHEDULED_TASK,
    /** The macro's powershell.exe loops, starting a new powershell.exe download cradle per callback. */
    LOOP;

    /** Whether each callback comes from a new, short-lived process (scored as a process group). */
    public boolean newProcessPerCallback() {
        return this == SCHEDULED_TASK || this == LOOP;
    }
}
