package io.etwcorr.schemas.config;

/** A config that cannot be used: the message is one line naming the source, the key path and what is wrong. */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
