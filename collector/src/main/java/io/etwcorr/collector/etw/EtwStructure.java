package io.etwcorr.collector.etw;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * Base of the ETW structures: default (MSVC x64) alignment, and field offsets made public so the
 * consumer can read single fields of native memory without reading the whole structure.
 */
public abstract class EtwStructure extends Structure {
    protected EtwStructure() {
        super(ALIGN_DEFAULT);
    }

    protected EtwStructure(Pointer memory) {
        super(memory, ALIGN_DEFAULT);
    }

    /** Byte offset of the field {@code name} in this structure's native layout. */
    public int offsetOf(String name) {
        return fieldOffset(name);
    }
}
