package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The demo checks every option before it starts anything: one line, exit 1, in well under a second. */
class DemoCommandTest {

    private static String refused(String... args) {
        CommandLine cli = Etwcorr.commandLine();
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));
        long started = System.nanoTime();
        String[] all = new String[args.length + 1];
        all[0] = "demo";
        System.arraycopy(args, 0, all, 1, args.length);

        assertThat(cli.execute(all)).isEqualTo(1);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("nothing started").isLessThan(Duration.ofSeconds(3));
        assertThat(out.toString()).as("not even the start banner").isEmpty();
        assertThat(err.toString()).hasLineCount(1).startsWith("demo: ");
        return err.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--hosts|0|--hosts must be between 1 and 99999",
            "--duration|-5|--duration must be 0 (until Ctrl-C) or a positive number",
            "--speed|-1|--speed must be a positive number",
            "--speed|0|--speed must be a positive number",
            "--web-ui-port|70000|--web-ui-port must be a port in [1, 65535], or 0 for none",
            "--report-port|-2|--report-port must be a port"})
    void badOptionsAreRefusedBeforeAnythingStarts(String option, String value, String message) {
        assertThat(refused(option, value)).contains(message);
    }

    @Test
    void aPortAnotherProgramHoldsIsNamedNotSkipped() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = other.getLocalPort();
            assertThat(refused("--web-ui-port", String.valueOf(port), "--report-port", "0"))
                    .contains("port " + port + " (--web-ui-port) is in use by another program");
        }
    }

    @Test
    void theProgressLineSaysWhenTheJobOrTheFleetFallsBehind() {
        Duration interval = Duration.ofSeconds(5);
        long keptUp = TimeUnit.SECONDS.toMicros(150); // 5 s at 30x
        assertThat(DemoCommand.behind(keptUp, TimeUnit.SECONDS.toMicros(60), interval, 30)).isEmpty();
        assertThat(DemoCommand.behind(keptUp, -1, interval, 30)).isEmpty();
        assertThat(DemoCommand.behind(keptUp, TimeUnit.MINUTES.toMicros(30), interval, 30))
                .contains("the job is 60 s behind the fleet and cannot keep up with --speed 30x");
        assertThat(DemoCommand.behind(keptUp / 3, 0, interval, 30)).contains("the fleet plays at 10x, not --speed 30x");
    }
}
