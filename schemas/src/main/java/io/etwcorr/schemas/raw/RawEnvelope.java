package io.etwcorr.schemas.raw;

/**
 * A raw record's envelope fields (docs/contract/raw-events.md, "Envelope") as {@link RawEventCodec}
 * validated them, handed to {@link RawEventSink#end(RawEnvelope)}. Optional numbers read -1 when absent
 * (the contract allows only values >= 0 for them).
 */
public interface RawEnvelope {
    int v();

    String host();

    String run();

    long seq();

    long ts();

    String provider();

    /** Null when absent. */
    String guid();

    int id();

    int ver();

    /** -1 when absent. */
    int opcode();

    int pid();

    int tid();

    /** -1 when absent. */
    long pkey();
}
