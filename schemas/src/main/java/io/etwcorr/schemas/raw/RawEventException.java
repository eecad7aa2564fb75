package io.etwcorr.schemas.raw;

/**
 * A raw record that breaks the contract. {@link #getMessage()} is a specific, human-readable
 * reason; the jobs put it into the dead-letter record, with {@link #kind()} as its error type.
 */
public final class RawEventException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of breach it is; {@link #code()} is the dead-letter {@code error.type}. */
    public enum Kind {
        OVERSIZE("oversize"),
        INVALID_UTF8("invalid_utf8"),
        INVALID_JSON("invalid_json"),
        CONTRACT_VIOLATION("contract_violation");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;

    public RawEventException(String reason) {
        this(Kind.CONTRACT_VIOLATION, reason);
    }

    public RawEventException(String reason, Throwable cause) {
        this(Kind.CONTRACT_VIOLATION, reason, cause);
    }

    public RawEventException(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public RawEventException(Kind kind, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
