package io.etwcorr.schemas.out;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;

/**
 * {@code etw.deadletter}: an input record that could not be used, with the reason. {@code @timestamp}
 * and {@code host} are null (left out) when they could not be read from the record.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterRecord(
        @JsonProperty("@timestamp") String timestamp,
        EventField event,
        ErrorField error,
        HostField host,
        Etwcorr etwcorr) {

    /** The dataset of dead-letter records, also their {@code event.dataset}. */
    public static final String DATASET = "etwcorr.deadletter";
    /** How much of the original record is kept, in chars. */
    public static final int MAX_ORIGINAL_CHARS = 4096;

    /**
     * A dead letter for {@code original} (any bytes), e.g. with {@code errorType} from
     * {@code RawEventException.kind().code()} and {@code origin} {@code etw.raw/3@1200} or
     * {@code file.jsonl:17}. {@code timestamp} and {@code host} may be null.
     */
    public static DeadLetterRecord of(String timestamp, String host, String errorType, String reason, byte[] original, String origin) {
        return new DeadLetterRecord(timestamp, EventField.ofDataset(DATASET), new ErrorField(reason, errorType),
                host == null ? null : new HostField(host),
                new Etwcorr(new DeadLetter(printable(original), original.length, origin)));
    }

    /** ECS {@code error}: the reason, and a short code for it. */
    public record ErrorField(String message, String type) {
    }

    /** The {@code etwcorr} namespace holding {@code etwcorr.deadletter}. */
    public record Etwcorr(DeadLetter deadletter) {
    }

    /** The original record as text (cut to {@link #MAX_ORIGINAL_CHARS}), its full size and where it came from. */
    public record DeadLetter(String original, @JsonProperty("original_bytes") long originalBytes, String origin) {
    }

    /** The bytes as text: bad UTF-8 becomes U+FFFD, and a cut never splits a surrogate pair. */
    private static String printable(byte[] original) {
        String text = new String(original, StandardCharsets.UTF_8);
        if (text.length() <= MAX_ORIGINAL_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_ORIGINAL_CHARS - 1)) ? MAX_ORIGINAL_CHARS - 1 : MAX_ORIGINAL_CHARS;
        return text.substring(0, end);
    }
}
