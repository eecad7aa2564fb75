package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code analyze} refuses, before running anything, input that is not the format it would read, and says why. */
class AnalyzeInputFormatTest {
    private static final String RAW = """
            {"v":1,"host":"WS-0042","run":"r","seq":0,"ts":1795633627123456,"provider":"EtwCorrelation-Collector",\
            "id":1,"ver":0,"pid":-1,"tid":-1,"props":{}}""";
    private static final String WINLOGBEAT = """
            {"@timestamp":"2026-11-25T19:31:07.123Z","winlog":{"channel":"Microsoft-Windows-Sysmon/Operational",\
            "event_id":"5","record_id":"1","provider_name":"Microsoft-Windows-Sysmon","computer_name":"WS-0042"}}""";

    @TempDir
    Path dir;

    private String analyzeFails(String... args) throws Exception {
        CommandLine cli = Etwcorr.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 3];
        all[0] = "analyze";
        all[1] = "--out";
        all[2] = dir.resolve("out").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        assertThat(cli.execute(all)).isEqualTo(2);
        assertThat(dir.resolve("out")).doesNotExist();
        return err.toString();
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), "\n" + content + "\n");
    }

    @Test
    void aSysmonFileReadAsRawEventsNamesItsFormatAndTheOption() throws Exception {
        Path sysmon = file("winlogbeat.jsonl", WINLOGBEAT);

        assertThat(analyzeFails("--input", sysmon.toString(), "--input-format", "raw"))
                .contains(sysmon + " holds Sysmon events", "not raw events", "--input-format sysmon");
    }

    @Test
    void rawEventsReadAsSysmonNameTheirFormat() throws Exception {
        Path raw = file("raw.jsonl", RAW);

        assertThat(analyzeFails("--input", raw.toString(), "--input-format", "sysmon"))
                .contains(raw + " holds raw events", "--input-format raw");
    }

    @Test
    void aFileOfNeitherFormatIsNamedWithItsFirstRecord() throws Exception {
        Path csv = file("events.csv", "TimeCreated,Id,Message");

        assertThat(analyzeFails("--input", csv.toString()))
                .contains(csv + " is neither raw events", "nor a Sysmon export", "TimeCreated,Id,Message");
    }

    @Test
    void filesOfBothFormatsInOneRunAreRefused() throws Exception {
        Path raw = file("raw.jsonl", RAW);
        Path xml = file("sysmon.xml", "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'></Event>");

        assertThat(analyzeFails("--input", raw.toString(), "--input", xml.toString()))
                .contains("the inputs mix raw events", "Sysmon events", "one format per run");
    }

    @Test
    void anUnknownFormatListsTheKnownOnes() throws Exception {
        Path raw = file("raw.jsonl", RAW);

        assertThat(analyzeFails("--input", raw.toString(), "--input-format", "evtx"))
                .contains("unknown input format 'evtx'", "raw", "sysmon", "auto");
    }
}
