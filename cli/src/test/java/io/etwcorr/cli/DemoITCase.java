package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.simulator.GroundTruth;
import io.etwcorr.simulator.ImplantSpec;
import io.etwcorr.simulator.ImplantTruth;
import io.etwcorr.simulator.LineageEntry;
import io.etwcorr.simulator.BenignMix;
import io.etwcorr.simulator.FleetSimulator;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo for a bounded time: the implant's alert, with the right process, lineage and patient
 * zero, arrives on etw.anomalies — and no other alert; the live report page shows its card.
 */
class DemoITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HOSTS = 50; // the demo default: enough hosts for fleet services and chat to count as fleet-wide
    private static final double SPEED = 60;
    private static final long SEED = 7;

    @Test
    void theImplantAndOnlyTheImplantIsReportedWithItsLineageAndPatientZero() throws Exception {
        List<String> alerts = new CopyOnWriteArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String page;
        try (Demo demo = Demo.start(new Demo.Options(HOSTS, SPEED, SEED, 0, freePort()), alerts::add)) {
            // The story's implant starts after 5 simulated minutes and needs 8 callbacks a minute apart.
            while (alerts.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            // Let another 20 simulated minutes pass: the benign fleet must stay quiet meanwhile.
            long until = demo.simulatedMicros() + TimeUnit.MINUTES.toMicros(20);
            while (demo.simulatedMicros() < until && System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(60)) {
                Thread.sleep(500);
            }
            Thread.sleep(5000); // a couple of checkpoints: what was decided is committed and read
            assertThat(demo.reportPage()).startsWith("http://localhost:");
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(demo.reportPage())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            page = response.body();
        }
        assertThat(page.split("class=\"alert-card\"", -1)).as("one card per alert").hasSize(alerts.size() + 1);
        assertThat(page).contains("rundll32.exe", "class=\"edge injected\"", "class=\"callback\"", "class=\"bytes-out\"");

        // The demo fleet starts at wall-clock time, so the ground truth is derived from the same spec shape.
        ImplantTruth implant = storyTruth();
        assertThat(alerts).as("alerts").hasSize(1);
        String json = alerts.get(0);
        assertThat(SchemaValidator.validate(SchemaId.ANOMALY, json)).isEmpty();
        JsonNode alert = JSON.readTree(json);
        assertThat(alert.at("/host/name").asText()).isEqualTo(implant.host());
        assertThat(alert.at("/process/name").asText()).isEqualTo(implant.image());
        assertThat(alert.at("/process/entity_id").asText()).isEqualTo(implant.entityId());
        assertThat(alert.at("/destination/domain").asText()).isEqualTo(implant.destination());
        assertThat(alert.at("/patient_zero/entity_id").asText()).isEqualTo(implant.patientZero().entityId());
        assertThat(alert.at("/patient_zero/name").asText()).isEqualTo("winword.exe");
        List<String> lineage = alert.path("lineage").findValuesAsText("entity_id");
        assertThat(lineage).containsExactlyElementsOf(implant.lineage().stream().map(LineageEntry::entityId).toList());
        assertThat(alert.path("lineage").findValuesAsText("edge")).containsExactly("root", "parent", "parent", "injected");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The ground truth of the demo's story: entity ids do not depend on the start time. */
    private static ImplantTruth storyTruth() {
        FleetSpec spec = new FleetSpec(SEED, HOSTS, FleetSpec.DEFAULT_START_MICROS, 1800, 1.0,
                List.of(ImplantSpec.story(0)), BenignMix.defaults());
        GroundTruth truth = FleetSimulator.groundTruth(spec);
        return truth.implants().get(0);
    }
}
