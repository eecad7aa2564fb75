package io.etwcorr.collector.etw;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The props of one event of a catalog layout, as read from its payload: numbers and addresses kept
 * as bits, strings as strings. {@link #writeJson} writes them straight into the record's JSON
 * (the collector's hot path: no map of boxed values per event); as a {@link Map} it is a read-only
 * view in manifest order whose values, boxed on access, are the contract's JSON types
 * (raw-events.md "Property value types"), for the filter, the enrichment and tests. Immutable.
 */
public final class DecodedProps extends AbstractMap<String, Object> {
    private final LayoutDecoder layout;
    private final long[] words;
    private final String[] texts;

    DecodedProps(LayoutDecoder layout, long[] words, String[] texts) {
        this.layout = layout;
        this.words = words;
        this.texts = texts;
    }

    /** The props as a JSON object, exactly as the raw codec writes the same values. */
    public void writeJson(JsonBuffer out) {
        int count = layout.names.length;
        if (count == 0) {
            out.raw('{');
        }
        for (int i = 0; i < count; i++) {
            out.raw(layout.jsonKeys[i]);
            int slot = layout.slots[i];
            switch (layout.types[i]) {
                case UINT16, UINT32, PORT, FILETIME -> out.number(words[slot]);
                case UINT64, POINTER -> out.unsignedNumber(words[slot]);
                case IPV4 -> {
                    out.raw('"');
                    IpAddressText.writeIpv4((int) words[slot], out);
                    out.raw('"');
                }
                case IPV6 -> {
                    out.raw('"');
                    IpAddressText.writeIpv6(words[slot], words[slot + 1], out);
                    out.raw('"');
                }
                case UNICODE_STRING, ANSI_STRING, SID, GUID -> out.string(texts[slot]);
            }
        }
        out.raw('}');
    }

    @Override
    public int size() {
        return layout.names.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int index = indexOf(key);
        return index < 0 ? null : value(index);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < layout.names.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        int index = next++;
                        return new SimpleImmutableEntry<>(layout.names[index], value(index));
                    }
                };
            }

            @Override
            public int size() {
                return layout.names.length;
            }
        };
    }

    private int indexOf(Object key) {
        String[] names = layout.names;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private Object value(int index) {
        int slot = layout.slots[index];
        return switch (layout.types[index]) {
            case UINT16, UINT32, PORT, FILETIME -> words[slot];
            case UINT64, POINTER -> PayloadReader.unsigned(words[slot]);
            case IPV4 -> IpAddressText.ipv4((int) words[slot]);
            case IPV6 -> IpAddressText.ipv6(words[slot], words[slot + 1]);
            case UNICODE_STRING, ANSI_STRING, SID, GUID -> texts[slot];
        };
    }
}
