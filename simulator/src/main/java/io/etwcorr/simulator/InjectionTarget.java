package io.etwcorr.simulator;

/** The victim of an {@link Delivery#INJECTED} implant. */
public enum InjectionTarget {
    /** A notepad.exe the injector starts for the purpose (the parent also creates its first thread, which is no injection). */
    SPAWNED_NOTEPAD,
    /** A rundll32.exe the injector starts for the purpose. */
    SPAWNED_RUNDLL32,
    /** An svchost.exe that was already running when the collector started. */
    EXISTING_SVCHOST
}
