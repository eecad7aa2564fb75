package io.etwcorr.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The examples of the contract documents, as test resources. */
public final class ContractExamples {
    private ContractExamples() {
    }

    /** The four example lines of docs/contract/raw-events.md. */
    public static List<String> rawEvents() {
        return resource("raw-examples.jsonl").lines().filter(line -> !line.isBlank()).toList();
    }

    /** The alert example of docs/contract/outputs.md, its placeholders filled in. */
    public static String anomaly() {
        return resource("anomaly-example.json");
    }

    private static String resource(String name) {
        try (InputStream in = ContractExamples.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
