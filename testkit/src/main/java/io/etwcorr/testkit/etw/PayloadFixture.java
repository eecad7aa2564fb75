package io.etwcorr.testkit.etw;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out one payload field by field, little-endian and packed exactly as the manifest tables of
 * etw-layouts.md, and records for each field the prop the decoder must return and its offset.
 */
public final class PayloadFixture {
    public static final long FILETIME_EPOCH_OFFSET_MICROS = 11_644_473_600_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final LinkedHashMap<String, Object> expected = new LinkedHashMap<>();
    private final Map<String, Integer> offsets = new LinkedHashMap<>();
    private final List<String> stringFields = new ArrayList<>();
    private final boolean pointers32Bit;
    private int decodedLength;

    public PayloadFixture() {
        this(false);
    }

    public PayloadFixture(boolean pointers32Bit) {
        this.pointers32Bit = pointers32Bit;
    }

    public PayloadFixture u16(String name, int value) {
        return field(name, (long) value, littleEndian(value, 2));
    }

    public PayloadFixture u32(String name, long value) {
        return field(name, value, littleEndian(value, 4));
    }

    public PayloadFixture u64(String name, long value) {
        return field(name, value >= 0 ? (Object) value : Long.toUnsignedString(value), littleEndian(value, 8));
    }

    public PayloadFixture pointer(String name, long value) {
        if (pointers32Bit) {
            return field(name, value & 0xffff_ffffL, littleEndian(value, 4));
        }
        return field(name, value >= 0 ? (Object) value : Long.toUnsignedString(value), littleEndian(value, 8));
    }

    /** A port in network byte order. */
    public PayloadFixture port(String name, int port) {
        return field(name, (long) port, new byte[] {(byte) (port >>> 8), (byte) port});
    }

    /** The address bytes of {@code literal}, expected back as {@code expectedText}. */
    public PayloadFixture address(String name, String literal, String expectedText) {
        try {
            byte[] raw = InetAddress.getByName(literal).getAddress();
            return field(name, expectedText, raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** Sixteen raw address bytes (also IPv4-mapped ones, which InetAddress would shorten). */
    public PayloadFixture ipv6(String name, byte[] raw, String expectedText) {
        if (raw.length != 16) {
            throw new IllegalArgumentException("IPv6 needs 16 bytes");
        }
        return field(name, expectedText, raw);
    }

    public PayloadFixture filetime(String name, long epochMicros) {
        return field(name, epochMicros, littleEndian((epochMicros + FILETIME_EPOCH_OFFSET_MICROS) * 10, 8));
    }

    public PayloadFixture unicode(String name, String text) {
        stringFields.add(name);
        return field(name, text, (text + '\0').getBytes(StandardCharsets.UTF_16LE));
    }

    public PayloadFixture ansi(String name, String text) {
        stringFields.add(name);
        return field(name, text, (text + '\0').getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A binary SID from its text {@code S-1-<authority>-<sub>…} (decimal authority). */
    public PayloadFixture sid(String name, String text) {
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

    /** A field of any other type: its wire bytes and the prop value the decoder must return for them. */
    public PayloadFixture raw(String name, Object expectedValue, byte[] raw) {
        return field(name, expectedValue, raw);
    }

    /** Bytes the decoder must skip (fields of a later version it does not read). */
    public PayloadFixture unread(int length) {
        bytes.writeBytes(new byte[length]);
        return this;
    }

    public byte[] bytes() {
        return bytes.toByteArray();
    }

    public LinkedHashMap<String, Object> expected() {
        return new LinkedHashMap<>(expected);
    }

    public int offset(String name) {
        return offsets.get(name);
    }

    /** The string fields, in payload order. */
    public List<String> stringFields() {
        return List.copyOf(stringFields);
    }

    /** Where the last field the decoder reads ends (before any {@link #unread} bytes). */
    public int decodedLength() {
        return decodedLength;
    }

    public int size() {
        return bytes.size();
    }

    public boolean pointers32Bit() {
        return pointers32Bit;
    }

    public static byte[] littleEndian(long value, int size) {
        byte[] raw = new byte[size];
        for (int i = 0; i < size; i++) {
            raw[i] = (byte) (value >>> (8 * i));
        }
        return raw;
    }

    private PayloadFixture field(String name, Object value, byte[] raw) {
        offsets.put(name, bytes.size());
        expected.put(name, value);
        bytes.writeBytes(raw);
        decodedLength = bytes.size();
        return this;
    }
}
