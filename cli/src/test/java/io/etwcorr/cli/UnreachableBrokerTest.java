package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Commands that need Kafka say once that it cannot be reached, and give up after --broker-wait with exit 1. */
class UnreachableBrokerTest {

    private static String nobodyListens() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static void assertGivesUpClearly(String command, String... args) throws Exception {
        CommandLine cli = Etwcorr.commandLine();
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute(args)).isEqualTo(1);

        assertThat(err.toString().lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith(command + ": "));
        assertThat(err.toString()).contains("cannot be reached", "cannot reach Kafka at 127.0.0.1:", "tried for")
                .doesNotContain("Exception", "\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void alerts() throws Exception {
        assertGivesUpClearly("alerts", "alerts", "--bootstrap-servers", nobodyListens(), "--broker-wait", "2");
    }

    @Test
    void simulateIntoKafka() throws Exception {
        assertGivesUpClearly("simulate", "simulate", "--bootstrap-servers", nobodyListens(), "--broker-wait", "2",
                "--duration", "60");
    }

    @Test
    void job() throws Exception {
        assertGivesUpClearly("job", "job", "--bootstrap-servers", nobodyListens(), "--broker-wait", "2");
    }
}
