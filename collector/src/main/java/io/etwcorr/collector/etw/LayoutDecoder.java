package io.etwcorr.collector.etw;

import io.etwcorr.schemas.etw.EtwProperty;
import io.etwcorr.schemas.etw.EventLayout;
import java.util.LinkedHashMap;

/**
 * Decodes the payloads of one catalog layout: reads its properties in order through the bounded
 * {@link PayloadReader}, so a payload shorter than its layout is a {@link PayloadException}, never a
 * read past UserDataLength. Bytes after the last property are left unread. Immutable, thread-safe.
 */
public final class LayoutDecoder implements PayloadDecoder {
    private final EtwProperty[] properties;
    /** Sized so the props map never resizes: the default load factor is 0.75. */
    private final int mapCapacity;

    public LayoutDecoder(EventLayout layout) {
        this.properties = layout.properties().toArray(new EtwProperty[0]);
        this.mapCapacity = (int) Math.ceil(properties.length / 0.75);
    }

    @Override
    public LinkedHashMap<String, Object> decode(PayloadReader payload) throws PayloadException {
        LinkedHashMap<String, Object> props = new LinkedHashMap<>(mapCapacity);
        for (EtwProperty property : properties) {
            props.put(property.name(), read(payload, property));
        }
        return props;
    }

    private static Object read(PayloadReader payload, EtwProperty property) throws PayloadException {
        String name = property.name();
        return switch (property.type()) {
            case UINT16 -> payload.u16(name);
            case UINT32 -> payload.u32(name);
            case UINT64 -> payload.u64(name);
            case POINTER -> payload.pointer(name);
            case FILETIME -> payload.filetimeMicros(name);
            case UNICODE_STRING -> payload.unicodeString(name);
            case ANSI_STRING -> payload.ansiString(name);
            case SID -> payload.sid(name);
            case IPV4 -> payload.ipv4(name);
            case IPV6 -> payload.ipv6(name);
            case PORT -> payload.port(name);
            case GUID -> payload.guid(name);
        };
    }
}
