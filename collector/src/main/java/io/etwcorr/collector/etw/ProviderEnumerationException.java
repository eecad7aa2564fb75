package io.etwcorr.collector.etw;

/** TdhEnumerateProviders failed, or returned a buffer that does not hold what it claims. */
public class ProviderEnumerationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProviderEnumerationException(String message) {
        super(message);
    }
}
