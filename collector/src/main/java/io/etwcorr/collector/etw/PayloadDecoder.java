package io.etwcorr.collector.etw;

import java.util.Map;

/** Decodes the payload of one event layout into props named as in the manifest, in manifest order. */
@FunctionalInterface
public interface PayloadDecoder {
    Map<String, Object> decode(PayloadReader payload) throws PayloadException;
}
