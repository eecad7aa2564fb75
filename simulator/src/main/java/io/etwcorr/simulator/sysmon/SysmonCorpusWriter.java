package io.etwcorr.simulator.sysmon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.etwcorr.simulator.CorpusWriter;
import io.etwcorr.simulator.FleetSimulator;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.simulator.GroundTruth;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Writes a simulated fleet as Sysmon would have logged it ({@link SysmonTranslator}): as Winlogbeat
 * 8.x documents, one per line, the way they land in Kafka, or as the event log's XML export. The
 * ground truth goes beside it as for the raw corpus; its entity ids are the raw events' (Sysmon
 * input names processes by ProcessGuid), its images, lineage shapes and destinations hold for both.
 */
public final class SysmonCorpusWriter {
    /** How the events are written. */
    public enum Shape {
        /** Winlogbeat 8.x JSON Lines: {@code winlog.event_data} as Sysmon logged it. */
        WINLOGBEAT,
        /** {@code wevtutil qe /f:xml}: one {@code <Event>} element per line. */
        XML
    }

    static final String CHANNEL = "Microsoft-Windows-Sysmon/Operational";
    static final String PROVIDER = "Microsoft-Windows-Sysmon";
    private static final String PROVIDER_GUID = "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}";
    private static final JsonFactory JSON = new JsonFactory();

    private SysmonCorpusWriter() {}

    public static GroundTruth write(FleetSpec spec, Path events, Shape shape) throws IOException {
        SysmonTranslator translator = new SysmonTranslator();
        GroundTruth truth;
        try (Writer out = CorpusWriter.open(events)) {
            truth = FleetSimulator.generate(spec, raw -> translator.translate(raw).ifPresent(event -> {
                try {
                    out.write(shape == Shape.WINLOGBEAT ? winlogbeat(event) : xml(event));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Files.writeString(CorpusWriter.truthFile(events), truth.toJson(), StandardCharsets.UTF_8);
        return truth;
    }

    /** A Winlogbeat 8.x document of the event (the fields etwcorr and a SIEM read; no rendered message). */
    static String winlogbeat(SysmonTranslator.SysmonEvent event) throws IOException {
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("@timestamp", Instant.EPOCH.plus(event.ts(), ChronoUnit.MICROS)
                    .truncatedTo(ChronoUnit.MILLIS).toString());
            json.writeObjectFieldStart("event");
            json.writeStringField("code", Integer.toString(event.eventId()));
            json.writeStringField("kind", "event");
            json.writeStringField("provider", PROVIDER);
            json.writeEndObject();
            json.writeObjectFieldStart("winlog");
            json.writeStringField("channel", CHANNEL);
            json.writeStringField("event_id", Integer.toString(event.eventId()));
            json.writeStringField("record_id", Long.toString(event.recordId()));
            json.writeStringField("provider_name", PROVIDER);
            json.writeStringField("provider_guid", PROVIDER_GUID);
            json.writeStringField("computer_name", event.host());
            json.writeStringField("api", "wineventlog");
            json.writeObjectFieldStart("event_data");
            for (Map.Entry<String, String> field : event.data().entrySet()) {
                json.writeStringField(field.getKey(), field.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeObjectFieldStart("host");
            json.writeStringField("name", event.host().toLowerCase());
            json.writeEndObject();
            json.writeObjectFieldStart("agent");
            json.writeStringField("type", "winlogbeat");
            json.writeStringField("version", "8.15.0");
            json.writeEndObject();
            json.writeEndObject();
        }
        return text.toString();
    }

    /** The event as the event log's XML renders it. */
    static String xml(SysmonTranslator.SysmonEvent event) {
        StringBuilder xml = new StringBuilder(1024)
                .append("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>")
                .append("<Provider Name='").append(PROVIDER).append("' Guid='").append(PROVIDER_GUID).append("'/>")
                .append("<EventID>").append(event.eventId()).append("</EventID><Version>5</Version><Level>4</Level>")
                .append("<TimeCreated SystemTime='").append(Instant.EPOCH.plus(event.ts(), ChronoUnit.MICROS))
                .append("'/><EventRecordID>").append(event.recordId()).append("</EventRecordID>")
                .append("<Channel>").append(CHANNEL).append("</Channel><Computer>").append(escape(event.host()))
                .append("</Computer><Security UserID='S-1-5-18'/></System><EventData>");
        for (Map.Entry<String, String> field : event.data().entrySet()) {
            xml.append("<Data Name='").append(field.getKey()).append("'>").append(escape(field.getValue())).append("</Data>");
        }
        return xml.append("</EventData></Event>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }
}
