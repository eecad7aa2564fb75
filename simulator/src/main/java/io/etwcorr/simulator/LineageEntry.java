package io.etwcorr.simulator;

/**
 * One process of an expected lineage (docs/contract/outputs.md): {@code edge} is {@code root},
 * {@code parent} or {@code injected}, linking it to the entry before it.
 */
public record LineageEntry(int pid, String entityId, String name, String edge) {
    public static final String ROOT = "root";
    public static final String PARENT = "parent";
    public static final String INJECTED = "injected";
}
