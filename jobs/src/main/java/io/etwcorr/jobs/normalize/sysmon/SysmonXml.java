package io.etwcorr.jobs.normalize.sysmon;

import io.etwcorr.schemas.raw.RawEventException;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one {@code <Event>} element of the event log's XML, as {@code wevtutil qe /f:xml} and
 * {@code Get-WinEvent | ForEach-Object ToXml} write it: {@code System} (Provider, EventID,
 * TimeCreated, EventRecordID, Channel, Computer) and {@code EventData/Data[@Name]}. DTDs and
 * external entities are refused.
 */
final class SysmonXml {
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private SysmonXml() {}

    static SysmonRecord read(byte[] utf8) throws RawEventException {
        Map<String, String> system = new HashMap<>();
        Map<String, String> data = new HashMap<>();
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(utf8), "UTF-8");
            try {
                boolean inEventData = false;
                while (reader.hasNext()) {
                    int token = reader.next();
                    if (token == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("EventData")) {
                        inEventData = false;
                    }
                    if (token != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    switch (reader.getLocalName()) {
                        case "EventData" -> inEventData = true;
                        case "Provider" -> system.put("Provider", reader.getAttributeValue(null, "Name"));
                        case "TimeCreated" -> system.put("TimeCreated", reader.getAttributeValue(null, "SystemTime"));
                        case "EventID", "EventRecordID", "Channel", "Computer" ->
                                system.put(reader.getLocalName(), reader.getElementText());
                        case "Data" -> {
                            String name = reader.getAttributeValue(null, "Name");
                            String value = reader.getElementText();
                            if (inEventData && name != null) {
                                data.put(name, value);
                            }
                        }
                        default -> { }
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new RawEventException("not an event-log XML <Event>: "
                    + SysmonFields.shown(String.valueOf(e.getMessage()).replace('\n', ' ')));
        }
        String time = data.get("UtcTime") != null ? data.get("UtcTime") : system.get("TimeCreated");
        return new SysmonRecord(system.get("Computer"), system.get("Channel"), system.get("Provider"),
                SysmonJson.recordId(system.get("EventRecordID")), SysmonTime.micros(time),
                SysmonJson.eventId(system.get("EventID")), data);
    }
}
