package io.etwcorr.jobs.lineage;

import java.util.Locale;

/** How a lineage entry is linked to the one before it (docs/contract/outputs.md, {@code lineage[].edge}). */
enum Edge {
    /** The oldest known process of the chain. */
    ROOT,
    /** Started by the previous entry. */
    PARENT,
    /** The previous entry created a thread in it. */
    INJECTED;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
