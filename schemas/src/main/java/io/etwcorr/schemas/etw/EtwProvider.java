package io.etwcorr.schemas.etw;

import java.util.UUID;

/** The providers whose events the jobs correlate (docs/contract/raw-events.md), by registered name and GUID. */
public enum EtwProvider {
    KERNEL_PROCESS("Microsoft-Windows-Kernel-Process", "22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716"),
    KERNEL_NETWORK("Microsoft-Windows-Kernel-Network", "7dd42a49-5329-4832-8dfd-43d979153a88"),
    DNS_CLIENT("Microsoft-Windows-DNS-Client", "1c95126e-7eea-49a9-a3fe-a378b03ddb4d");

    private final String providerName;
    private final UUID guid;

    EtwProvider(String providerName, String guid) {
        this.providerName = providerName;
        this.guid = UUID.fromString(guid);
    }

    /** The envelope's {@code provider}. */
    public String providerName() {
        return providerName;
    }

    public UUID guid() {
        return guid;
    }

    /** The envelope's {@code guid}: lower case, no braces. */
    public String guidText() {
        return guid.toString();
    }
}
