package io.etwcorr.schemas.raw;

/**
 * A raw record that breaks the contract. {@link #getMessage()} is a specific, human-readable
 * reason; the jobs put it into the dead-letter record.
 */
public final class RawEventException extends Exception {
    private static final long serialVersionUID = 1L;

    public RawEventException(String reason) {
        super(reason);
    }

    public RawEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
