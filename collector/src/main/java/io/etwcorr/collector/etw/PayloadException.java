package io.etwcorr.collector.etw;

/**
 * A payload that does not match its layout: too short for a field, an unterminated string, an
 * impossible SID. The consumer counts these and falls back to the generic decoder or drops the event.
 */
public class PayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    public PayloadException(String reason) {
        super(reason);
    }
}
