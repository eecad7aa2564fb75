package io.etwcorr.collector.etw;

import java.util.LinkedHashMap;

/** Decodes the payload of one event layout into props named as in the manifest, in manifest order. */
@FunctionalInterface
public interface PayloadDecoder {
    LinkedHashMap<String, Object> decode(PayloadReader payload) throws PayloadException;
}
