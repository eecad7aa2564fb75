package io.etwcorr.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.cli.Etwcorr;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code alerts --html}: the output topics of a real broker, read to their end, as the same page as {@code report}. */
class AlertsHtmlITCase {

    @Test
    void theTopicsOfAKafkaBecomeTheReportPage(@TempDir Path temp) throws Exception {
        Path run = ReportPageTest.fixtureRun();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(2, "etw.anomalies", "etw.connections", "etw.flows", "etw.health", "etw.deadletter");
            Properties properties = new Properties();
            properties.putAll(kafka.clientProperties());
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
                for (RunModel.Stream stream : RunModel.Stream.values()) {
                    String topic = "etw." + stream.file.substring(0, stream.file.indexOf('.'));
                    for (String line : Files.readAllLines(run.resolve(stream.file), StandardCharsets.UTF_8)) {
                        producer.send(new ProducerRecord<>(topic, line));
                    }
                }
            }

            Path page = temp.resolve("alerts.html");
            CommandLine cli = Etwcorr.commandLine();
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out));
            assertThat(cli.execute("alerts", "--bootstrap-servers", kafka.bootstrapServers(), "--html", page.toString()))
                    .isZero();

            String html = Files.readString(page);
            RunModel fromFiles = RunModel.fromDirectory(run);
            assertThat(html.split("class=\"alert-card\"", -1)).hasSize(fromFiles.alerts().size() + 1);
            assertThat(html).contains("class=\"chart timeline\"", "class=\"callback\"", "rundll32.exe",
                    "Kafka at " + kafka.bootstrapServers() + ": " + fromFiles.alerts().size() + " alert(s)");
            assertThat(out.toString()).contains("alert(s) -> " + page);
        }
    }
}
