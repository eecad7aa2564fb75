package io.etwcorr.jobs.io.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etwcorr.jobs.config.InputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

    @Test
    void rawEventsAreToldFromEverySysmonShape() {
        assertThat(InputFiles.detect("{\"v\":1,\"host\":\"h\",\"provider\":\"p\",\"props\":{}}")).isEqualTo(InputFormat.RAW);
        assertThat(InputFiles.detect("{\"@timestamp\":\"x\",\"winlog\":{\"event_id\":1}}")).isEqualTo(InputFormat.SYSMON);
        assertThat(InputFiles.detect("{\"Event\":{\"System\":{\"EventID\":1}}}")).isEqualTo(InputFormat.SYSMON);
        assertThat(InputFiles.detect("{\"EventID\":3,\"Hostname\":\"WS-1\"}")).isEqualTo(InputFormat.SYSMON);
        assertThat(InputFiles.detect("<?xml version='1.0'?><Events>")).isEqualTo(InputFormat.SYSMON);
        assertThat(InputFiles.detect("<Event xmlns='x'>")).isEqualTo(InputFormat.SYSMON);
    }

    @Test
    void anythingElseIsNeither() {
        assertThat(InputFiles.detect("TimeCreated,Id")).isNull();
        assertThat(InputFiles.detect("<html>")).isNull();
        assertThat(InputFiles.detect("[1,2]")).isNull();
        assertThat(InputFiles.detect("{\"EventID\":3}")).isNull();
    }

    @Test
    void theFirstRecordSkipsBlankLinesAndAByteOrderMark(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("export.xml"), "\n  \n\uFEFF<Event xmlns='x'>\n<System/></Event>\n");

        assertThat(InputFiles.firstRecord(file)).isEqualTo("<Event xmlns='x'>");
        assertThat(InputFiles.isXml(file)).isTrue();
        assertThat(InputFiles.detect(file)).isEqualTo(InputFormat.SYSMON);
    }

    @Test
    void anEmptyFileHasNoFormatAndAForeignOneIsNamed(@TempDir Path dir) throws Exception {
        assertThat(InputFiles.detect(Files.writeString(dir.resolve("empty.jsonl"), "\n"))).isNull();
        Path csv = Files.writeString(dir.resolve("x.csv"), "TimeCreated,Id\n");
        assertThatThrownBy(() -> InputFiles.detect(csv)).hasMessageContaining("x.csv is neither raw events")
                .hasMessageContaining("its first record begins: TimeCreated,Id");
    }

    @Test
    void configNamesAreCaseInsensitiveAndUnknownOnesListTheKnown() {
        assertThat(InputFormat.of("Sysmon")).isEqualTo(InputFormat.SYSMON);
        assertThatThrownBy(() -> InputFormat.of("evtx")).hasMessage("unknown input format 'evtx', expected one of [raw, sysmon]");
    }
}
