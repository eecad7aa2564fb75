package io.etwcorr.collector.etw;

import io.etwcorr.testkit.etw.PayloadFixture;

/** One event layout of etw-layouts.md with a payload built field by field. */
record LayoutFixture(String label, EventKey key, PayloadFixture payload) {
    PayloadReader reader() {
        byte[] bytes = payload.bytes();
        return PayloadReader.of(bytes, 0, bytes.length, payload.pointers32Bit());
    }

    @Override
    public String toString() {
        return label;
    }
}
