package io.etwcorr.collector.enrich;

/**
 * The Windows calls behind the {@code x} enrichment, each answering null when the answer cannot be
 * had (no such drive, process gone, access denied). Implemented by {@link NativeHostQueries}; tests
 * use fakes. Calls may be slow (a domain lookup), so {@link ProcessEnrichment} makes them off the
 * ETW callback thread and within a time budget.
 */
public interface HostQueries {
    /** QueryDosDevice of {@code drive} (e.g. {@code C:}): its NT device path, e.g. {@code \Device\HarddiskVolume3}. */
    String dosDeviceTarget(String drive);

    /** The command line of the live process {@code pid}. */
    String commandLine(int pid);

    /** The SID of the user of {@code pid}'s primary token, as {@code S-1-5-…} text. */
    String tokenUserSid(int pid);

    /** The account of {@code sid} as DOMAIN&#92;user (the contract's {@code user}). */
    String accountName(String sid);

    /**
     * This host's Windows edition, release and build with its update revision, e.g.
     * {@code Windows 10 Enterprise 22H2, build 19045.4291}, as the self-test reports it.
     */
    String windowsVersion();
}
