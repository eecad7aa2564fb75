package io.etwcorr.collector.session;

/** An advapi32 ETW call that failed, with its Win32 status. */
public class EtwCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int status;

    public EtwCallException(String call, int status, String context) {
        super(call + " failed with Win32 error " + status + " (" + context + ")");
        this.call = call;
        this.status = status;
    }

    /** The advapi32 function, e.g. {@code StartTraceW}. */
    public String call() {
        return call;
    }

    public int status() {
        return status;
    }
}
