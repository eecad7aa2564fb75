package io.etwcorr.collector.session;

import io.etwcorr.testkit.etw.EtwEventFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.collector.enrich.FakeHostQueries;
import io.etwcorr.collector.runtime.CollectorRuntime;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The assembled collector against a fake session: config in, records out, clean shutdown in order. */
class CollectorRuntimeTest {
    private static final String COMMAND_LINE = "rundll32.exe x.dll,Start";

    @Test
    void theConfiguredSessionFeedsDeliveryAndStopsAfterItHasDrained() throws Exception {
        CollectorConfig config = new CollectorConfig();
        config.host = "WS-0042";
        config.session.name = "etwcorr-test";
        config.session.bufferSizeKb = 128;
        FakeEtwApi etw = new FakeEtwApi(EtwEventFixtures.oneOfEach(4242));
        ListEventSink delivery = ListEventSink.open();
        CollectorRuntime collector = new CollectorRuntime(config, etw, FakeHostQueries.workstation(4242, COMMAND_LINE),
                c -> delivery);

        collector.start();
        etw.allDelivered.await();
        collector.stop();
        collector.stop(); // a second stop (Ctrl-C after a service stop) changes nothing

        assertThat(etw.startedWith()).isEqualTo(new BufferSettings(128, 64, 128));
        assertThat(etw.enabled).extracting(ProviderSpec::name).containsExactly(
                "Microsoft-Windows-Kernel-Process", "Microsoft-Windows-DNS-Client", "Microsoft-Windows-Kernel-Network");
        assertThat(etw.captureStateRequested).extracting(ProviderSpec::name)
                .containsExactly("Microsoft-Windows-Kernel-Process");
        assertThat(delivery.events()).hasSize(EtwEventFixtures.oneOfEach(4242).size());
        assertThat(delivery.records()).extracting(RawEvent::host).containsOnly("WS-0042");
        assertThat(delivery.records()).extracting(RawEvent::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, delivery.records().size()).boxed().toList());
        assertThat(delivery.records()).filteredOn(record -> record.id() == 1 && record.x() != null)
                .extracting(record -> record.enrichment("image"), record -> record.enrichment("cmdline"),
                        record -> record.enrichment("user"))
                .containsExactly(tuple("C:\\Windows\\System32\\rundll32.exe", COMMAND_LINE, "WS-0042\\a"));
        assertThat(delivery.isClosed()).isTrue();
        // The consumer drained into delivery before the session went.
        List<String> calls = etw.calls;
        assertThat(calls.indexOf("close")).isLessThan(calls.lastIndexOf("stop etwcorr-test"));
        assertThat(etw.count("stop etwcorr-test")).isEqualTo(1);
    }
}
