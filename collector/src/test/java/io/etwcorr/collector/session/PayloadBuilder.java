package io.etwcorr.collector.session;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lays out an event payload field by field as etw-layouts.md says, recording the prop each field must decode to. */
final class PayloadBuilder {
    static final long FILETIME_EPOCH_OFFSET_MICROS = 11_644_473_600_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Map<String, Object> expected = new LinkedHashMap<>();
    private final boolean pointers32Bit;

    PayloadBuilder() {
        this(false);
    }

    PayloadBuilder(boolean pointers32Bit) {
        this.pointers32Bit = pointers32Bit;
    }

    PayloadBuilder u16(String name, int value) {
        return field(name, (long) value, littleEndian(value, 2));
    }

    PayloadBuilder u32(String name, long value) {
        return field(name, value, littleEndian(value, 4));
    }

    PayloadBuilder u64(String name, long value) {
        return field(name, value, littleEndian(value, 8));
    }

    PayloadBuilder pointer(String name, long value) {
        return pointers32Bit ? field(name, value & 0xffff_ffffL, littleEndian(value, 4)) : field(name, value, littleEndian(value, 8));
    }

    /** A port in network byte order. */
    PayloadBuilder port(String name, int port) {
        return field(name, (long) port, new byte[] {(byte) (port >>> 8), (byte) port});
    }

    /** The wire bytes of an address literal, expected back in canonical text. */
    PayloadBuilder address(String name, String literal, String expectedText) {
        try {
            return field(name, expectedText, InetAddress.getByName(literal).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    PayloadBuilder filetime(String name, long epochMicros) {
        return field(name, epochMicros, littleEndian((epochMicros + FILETIME_EPOCH_OFFSET_MICROS) * 10, 8));
    }

    PayloadBuilder unicode(String name, String text) {
        return field(name, text, (text + '\0').getBytes(StandardCharsets.UTF_16LE));
    }

    PayloadBuilder ansi(String name, String text) {
        return field(name, text, (text + '\0').getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A binary SID from {@code S-1-<authority>-<sub>…} with a decimal authority. */
    PayloadBuilder sid(String name, String text) {
        String[] parts = text.split("-");
        int subCount = parts.length - 3;
        byte[] raw = new byte[8 + 4 * subCount];
        raw[0] = 1;
        raw[1] = (byte) subCount;
        long authority = Long.parseLong(parts[2]);
        for (int i = 0; i < 6; i++) {
            raw[2 + i] = (byte) (authority >>> (8 * (5 - i)));
        }
        for (int i = 0; i < subCount; i++) {
            System.arraycopy(littleEndian(Long.parseLong(parts[3 + i]), 4), 0, raw, 8 + 4 * i, 4);
        }
        return field(name, text, raw);
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    Map<String, Object> expected() {
        return new LinkedHashMap<>(expected);
    }

    static byte[] littleEndian(long value, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    private PayloadBuilder field(String name, Object expectedValue, byte[] raw) {
        expected.put(name, expectedValue);
        bytes.writeBytes(raw);
        return this;
    }
}
