package io.etwcorr.collector.etw;

import io.etwcorr.schemas.etw.EtwProperty;
import io.etwcorr.schemas.etw.EventLayout;
import io.etwcorr.schemas.etw.WireType;
import java.util.List;

/**
 * Decodes the payloads of one catalog layout: reads its properties in order through the bounded
 * {@link PayloadReader}, so a payload shorter than its layout is a {@link PayloadException}, never a
 * read past UserDataLength. Bytes after the last property are left unread. The result is a
 * {@link DecodedProps}, which writes its JSON without boxing. Immutable, thread-safe.
 */
public final class LayoutDecoder implements PayloadDecoder {
    final String[] names;
    final WireType[] types;
    /** Per property: its index in {@link DecodedProps}' words (IPv6 takes two) or, for text, in its texts. */
    final int[] slots;
    /** Per property: {@code {"name":} for the first, {@code ,"name":} for the others, pre-encoded. */
    final byte[][] jsonKeys;
    private final int wordCount;
    private final int textCount;

    public LayoutDecoder(EventLayout layout) {
        List<EtwProperty> properties = layout.properties();
        int count = properties.size();
        names = new String[count];
        types = new WireType[count];
        slots = new int[count];
        jsonKeys = new byte[count][];
        int words = 0;
        int texts = 0;
        for (int i = 0; i < count; i++) {
            EtwProperty property = properties.get(i);
            names[i] = property.name();
            types[i] = property.type();
            if (isText(property.type())) {
                slots[i] = texts++;
            } else {
                slots[i] = words;
                words += property.type() == WireType.IPV6 ? 2 : 1;
            }
            JsonBuffer key = new JsonBuffer(names[i].length() + 4);
            key.raw(i == 0 ? '{' : ',');
            key.string(names[i]);
            key.raw(':');
            jsonKeys[i] = key.toByteArray();
        }
        wordCount = words;
        textCount = texts;
    }

    @Override
    public DecodedProps decode(PayloadReader payload) throws PayloadException {
        long[] words = new long[wordCount];
        String[] texts = textCount == 0 ? null : new String[textCount];
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            int slot = slots[i];
            switch (types[i]) {
                case UINT16 -> words[slot] = payload.u16(name);
                case UINT32 -> words[slot] = payload.u32(name);
                case UINT64 -> words[slot] = payload.u64Bits(name);
                case POINTER -> words[slot] = payload.pointerBits(name);
                case FILETIME -> words[slot] = payload.filetimeMicros(name);
                case PORT -> words[slot] = payload.port(name);
                case IPV4 -> words[slot] = payload.ipv4Bits(name);
                case IPV6 -> payload.ipv6Bits(name, words, slot);
                case UNICODE_STRING -> texts[slot] = payload.unicodeString(name);
                case ANSI_STRING -> texts[slot] = payload.ansiString(name);
                case SID -> texts[slot] = payload.sid(name);
                case GUID -> texts[slot] = payload.guid(name);
            }
        }
        return new DecodedProps(this, words, texts);
    }

    private static boolean isText(WireType type) {
        return type == WireType.UNICODE_STRING || type == WireType.ANSI_STRING || type == WireType.SID
                || type == WireType.GUID;
    }
}
