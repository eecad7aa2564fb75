package io.etwcorr.simulator;

import java.util.LinkedHashMap;

/**
 * Event properties in manifest order. Integers are stored as {@link Long}, as {@code RawEventCodec}
 * decodes them, so a simulated event equals its decoded JSON and {@code RawEvent.propLong} works on it.
 */
final class Props extends LinkedHashMap<String, Object> {
    /** Chosen over {@code put(String, Object)} for every int and long argument, so none is boxed as Integer. */
    Props put(String key, long value) {
        super.put(key, value);
        return this;
    }
}
