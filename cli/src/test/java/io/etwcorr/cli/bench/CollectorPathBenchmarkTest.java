package io.etwcorr.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's operations do the real work: every record decodes to a valid, numbered raw record. */
class CollectorPathBenchmarkTest {

    @Test
    void everyOperationYieldsAValidRawRecordOfItsProvider() throws RawEventException {
        CollectorPathBenchmark benchmark = new CollectorPathBenchmark();
        benchmark.layOutRecords();
        List<String> json = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            json.add(new String(benchmark.kernelNetwork(), StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 2; i++) {
            json.add(new String(benchmark.dnsClient(), StandardCharsets.UTF_8));
        }

        assertThat(json).allSatisfy(record -> assertThat(SchemaValidator.validate(SchemaId.RAW_EVENT, record))
                .as(record).isEmpty());
        assertThat(json.subList(0, 6)).allSatisfy(record -> assertThat(record)
                .contains("\"provider\":\"Microsoft-Windows-Kernel-Network\""));
        assertThat(json.subList(0, 6)).extracting(record -> record.replaceAll(".*\"id\":(\\d+),.*", "$1"))
                .containsExactly("10", "11", "12", "26", "27", "28");
        assertThat(json.subList(6, 8)).allSatisfy(record -> assertThat(record).contains("\"id\":3008"));
        RawEvent parsed = benchmark.parseRawJson();
        assertThat(parsed.host()).isEqualTo("WS-0042");
        assertThat(parsed.props()).containsEntry("daddr", "203.0.113.7");
    }
}
