package io.etwcorr.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The labels of a simulated corpus: every implant with its expected findings, and the benign periodic pairs. */
public record GroundTruth(long seed, int hosts, long startMicros, long durationS, List<ImplantTruth> implants, List<BenignTruth> benign) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public GroundTruth {
        implants = List.copyOf(implants);
        benign = List.copyOf(benign);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException("ground truth holds only plain values", e);
        }
    }

    public static GroundTruth fromJson(String json) {
        try {
            return JSON.readValue(json, GroundTruth.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a ground truth document", e);
        }
    }

    public static GroundTruth read(Path file) throws IOException {
        return fromJson(Files.readString(file));
    }
}
