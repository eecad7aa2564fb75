package io.etwcorr.collector.session;

/**
 * The session's buffer pool. Small pools lose events under load: the defaults are the sizes that
 * keep the correlated providers loss-free on busy hosts (ARCHITECTURE.md, "Known facts").
 *
 * @param bufferSizeKb size of one buffer in KB
 * @param minimumBuffers buffers allocated at start
 * @param maximumBuffers buffers ETW may grow the pool to
 */
public record BufferSettings(int bufferSizeKb, int minimumBuffers, int maximumBuffers) {
    public static final BufferSettings DEFAULT = new BufferSettings(256, 64, 128);

    public BufferSettings {
        if (bufferSizeKb <= 0 || minimumBuffers <= 0 || maximumBuffers < minimumBuffers) {
            throw new IllegalArgumentException("buffers need a positive size and 0 < minimum <= maximum, not "
                    + bufferSizeKb + " KB × " + minimumBuffers + ".." + maximumBuffers);
        }
    }
}
