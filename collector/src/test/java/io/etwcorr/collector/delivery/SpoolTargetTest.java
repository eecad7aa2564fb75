package io.etwcorr.collector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.simulator.FleetSimulator;
import io.etwcorr.simulator.FleetSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spool knows the target it was written for and is never drained into another one. */
class SpoolTargetTest {
    private static final List<RawEvent> EVENTS = FleetSimulator.stream(FleetSpec.benign(2, 3, 3_600)).limit(20).toList();

    @TempDir
    Path dir;

    @Test
    void aTargetSurvivesWritingAndReading() {
        Path spool = dir.resolve("spool");
        new SpoolTarget("etw.raw", "cluster-a").write(spool);

        assertThat(SpoolTarget.read(spool)).contains(new SpoolTarget("etw.raw", "cluster-a"));
        assertThat(SpoolTarget.read(dir.resolve("none"))).isEmpty();
    }

    @Test
    void aSpoolIsDrainedOnlyIntoItsOwnTopicAndCluster() {
        SpoolTarget untagged = new SpoolTarget("etw.raw", "");
        SpoolTarget tagged = new SpoolTarget("etw.raw", "cluster-a");

        assertThat(untagged.accepts("etw.raw", "cluster-b")).isTrue();
        assertThat(tagged.accepts("etw.raw", "cluster-a")).isTrue();
        assertThat(tagged.accepts("etw.raw", "cluster-b")).isFalse();
        assertThat(tagged.accepts("etw.raw.other", "cluster-a")).isFalse();
    }

    @Test
    void anOfflineSinkTagsItsSpoolWithItsTopicAndNoClusterYet() throws IOException {
        Path spool = dir.resolve("spool");
        SpoolingKafkaSink sink = SpoolingKafkaSink.start(offline(spool, "etw.raw"));
        EVENTS.forEach(sink::accept);
        sink.close();

        assertThat(sink.stats()).isEqualTo(new DeliveryStats(0, EVENTS.size(), 0));
        assertThat(sink.pendingInSpool()).isEqualTo(EVENTS.size());
        assertThat(SpoolTarget.read(spool)).contains(new SpoolTarget("etw.raw", ""));
    }

    @Test
    void aSpoolForAnotherTopicIsSetAsideWholeAndReported() throws IOException {
        Path spool = dir.resolve("spool");
        SpoolingKafkaSink first = SpoolingKafkaSink.start(offline(spool, "etw.raw"));
        EVENTS.forEach(first::accept);
        first.close();

        SpoolingKafkaSink second = SpoolingKafkaSink.start(offline(spool, "etw.raw.other"));
        second.close();

        Path aside = second.setAsideSpool();
        assertThat(aside).isNotNull().isDirectory().hasParent(dir);
        assertThat(SpoolTarget.read(aside)).contains(new SpoolTarget("etw.raw", ""));
        try (DiskSpool kept = DiskSpool.open(aside, 1L << 20)) {
            assertThat(kept.size()).isEqualTo(EVENTS.size());
        }
        assertThat(second.pendingInSpool()).isZero();
        assertThat(SpoolTarget.read(spool)).contains(new SpoolTarget("etw.raw.other", ""));
    }

    @Test
    void aSpoolForAnotherTopicIsDeletedWhenToldTo() throws IOException {
        Path spool = dir.resolve("spool");
        SpoolingKafkaSink first = SpoolingKafkaSink.start(offline(spool, "etw.raw"));
        EVENTS.forEach(first::accept);
        first.close();

        SpoolingKafkaSink second = SpoolingKafkaSink.start(offline(spool, "etw.raw.other").withDiscardForeignSpool(true));
        second.close();

        assertThat(second.setAsideSpool()).isNull();
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings).containsExactly(spool);
        }
        assertThat(second.pendingInSpool()).isZero();
    }

    private static SpoolingKafkaSinkConfig offline(Path spool, String topic) throws IOException {
        return SpoolingKafkaSinkConfig.defaults("localhost:" + unusedPort(), spool)
                .withTopic(topic)
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofMillis(500))
                .withClientProperties(Map.of("max.block.ms", "200"));
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
