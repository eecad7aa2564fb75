package io.etwcorr.collector.delivery;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The Kafka cluster and topic a spool's records were written for, kept beside them in the spool
 * directory's {@code target} file. The cluster id is empty until the sink has reached a broker.
 */
public record SpoolTarget(String topic, String clusterId) {
    static final String FILE = "target";

    public SpoolTarget {
        clusterId = clusterId == null ? "" : clusterId;
    }

    boolean clusterKnown() {
        return !clusterId.isEmpty();
    }

    /** True when a spool tagged with this target may be drained into {@code topic} of cluster {@code connectedClusterId}. */
    boolean accepts(String otherTopic, String connectedClusterId) {
        return topic.equals(otherTopic) && (!clusterKnown() || connectedClusterId == null || clusterId.equals(connectedClusterId));
    }

    static Optional<SpoolTarget> read(Path spoolDirectory) {
        Path file = spoolDirectory.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spool's target " + file, e);
        }
        return Optional.of(new SpoolTarget(properties.getProperty("topic", ""), properties.getProperty("cluster.id", "")));
    }

    /** Replaces the target file atomically. */
    void write(Path spoolDirectory) {
        Properties properties = new Properties();
        properties.setProperty("topic", topic);
        properties.setProperty("cluster.id", clusterId);
        Path temporary = spoolDirectory.resolve(FILE + ".tmp");
        try {
            Files.createDirectories(spoolDirectory);
            try (Writer out = Files.newBufferedWriter(temporary)) {
                properties.store(out, "what the records of this spool were written for");
            }
            Files.move(temporary, spoolDirectory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the spool's target in " + spoolDirectory, e);
        }
    }

    @Override
    public String toString() {
        return "topic " + topic + " of cluster " + (clusterKnown() ? clusterId : "(not yet known)");
    }
}
