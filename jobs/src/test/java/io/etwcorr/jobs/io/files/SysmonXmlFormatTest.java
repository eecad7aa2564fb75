package io.etwcorr.jobs.io.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.model.RawRecord;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SysmonXmlFormatTest {

    private static List<String> events(String xml) throws Exception {
        List<String> events = new ArrayList<>();
        try (SysmonXmlFormat.EventReader reader = new SysmonXmlFormat.EventReader(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "export.xml")) {
            for (RawRecord record = reader.read(); record != null; record = reader.read()) {
                events.add(record.origin + " " + new String(record.value, StandardCharsets.UTF_8));
            }
        }
        return events;
    }

    @Test
    void wevtutilsEventsRootAndLineBreaksInsideEventsAreNoMatter() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Events><Event xmlns='x'><System><EventID>1</EventID></System>
                <EventData><Data Name='a'>1</Data></EventData></Event><Event xmlns='x'><System><EventID>5</EventID>\
                </System></Event>
                </Events>
                """;

        assertThat(events(xml)).containsExactly(
                "export.xml:#1 <Event xmlns='x'><System><EventID>1</EventID></System>\n"
                        + "<EventData><Data Name='a'>1</Data></EventData></Event>",
                "export.xml:#2 <Event xmlns='x'><System><EventID>5</EventID></System></Event>");
    }

    @Test
    void anOversizeEventIsCutForTheNormalizerToRejectAndTheNextOneIsWhole() throws Exception {
        String huge = "<Event><EventData><Data Name='CommandLine'>" + "A".repeat(RawEventCodec.MAX_RECORD_BYTES)
                + "</Data></EventData></Event>";

        List<String> events = events(huge + "\n<Event><System/></Event>");

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).hasSize("export.xml:#1 ".length() + RawEventCodec.MAX_RECORD_BYTES + 1);
        assertThat(events.get(1)).isEqualTo("export.xml:#2 <Event><System/></Event>");
    }

    @Test
    void anEmptyOrEventlessFileHasNoRecords() throws Exception {
        assertThat(events("")).isEmpty();
        assertThat(events("<Events>\n</Events>\n")).isEmpty();
    }
}
