package io.etwcorr.schemas.etw;

import java.util.ArrayList;
import java.util.List;

/** Collects the properties of one layout in wire order. */
final class LayoutBuilder {
    private final List<EtwProperty> properties = new ArrayList<>();

    LayoutBuilder add(String name, WireType type) {
        properties.add(new EtwProperty(name, type));
        return this;
    }

    LayoutBuilder u16(String name) {
        return add(name, WireType.UINT16);
    }

    LayoutBuilder u32(String name) {
        return add(name, WireType.UINT32);
    }

    LayoutBuilder u64(String name) {
        return add(name, WireType.UINT64);
    }

    LayoutBuilder pointer(String name) {
        return add(name, WireType.POINTER);
    }

    LayoutBuilder filetime(String name) {
        return add(name, WireType.FILETIME);
    }

    LayoutBuilder unicode(String name) {
        return add(name, WireType.UNICODE_STRING);
    }

    EventLayout build(EtwProvider provider, int id, int version) {
        return new EventLayout(provider, id, version, properties);
    }
}
