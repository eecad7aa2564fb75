package io.etwcorr.collector.etw;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * Sequential, bounds-checked reader of one event payload ({@code UserDataLength} bytes), returning
 * values in the contract's JSON types. Every read checks the remaining length first and throws
 * {@link PayloadException} instead of reading past the payload; nothing outside the slice given
 * at construction is ever touched. Not thread-safe: one reader per event.
 */
public final class PayloadReader {
    /** Microseconds between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET_MICROS = 11_644_473_600_000_000L;
    /** SID_MAX_SUB_AUTHORITIES. */
    private static final int MAX_SID_SUB_AUTHORITIES = 15;
    /** The "ANSI" code page of the kernel's short image names on Western hosts. */
    private static final Charset ANSI = Charset.forName("windows-1252");

    private final ByteBuffer payload;
    private final boolean pointers32Bit;
    private int position;

    /** {@code payload} from index 0 up to its limit. */
    private PayloadReader(ByteBuffer payload, boolean pointers32Bit) {
        this.payload = payload.order(ByteOrder.LITTLE_ENDIAN);
        this.pointers32Bit = pointers32Bit;
    }

    /**
     * A reader of the bytes between {@code payload}'s position and limit (e.g. a direct buffer over
     * EVENT_RECORD.UserData of UserDataLength bytes). {@code pointers32Bit} is whether the header has
     * EVENT_HEADER_FLAG_32_BIT_HEADER, which makes Pointer fields 4 bytes long.
     */
    public static PayloadReader of(ByteBuffer payload, boolean pointers32Bit) {
        return new PayloadReader(payload.slice(), pointers32Bit);
    }

    /** A reader of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static PayloadReader of(byte[] bytes, int offset, int length, boolean pointers32Bit) {
        // From offset 0 the wrapped buffer already starts at index 0 and ends at length: no slice needed.
        ByteBuffer payload = ByteBuffer.wrap(bytes, offset, length);
        return new PayloadReader(offset == 0 ? payload : payload.slice(), pointers32Bit);
    }

    /** Payload length in bytes. */
    public int length() {
        return payload.limit();
    }

    /** Offset of the next read. */
    public int position() {
        return position;
    }

    public long u8(String field) throws PayloadException {
        require(1, field, "UInt8");
        return payload.get(position++) & 0xffL;
    }

    public long u16(String field) throws PayloadException {
        require(2, field, "UInt16");
        long value = payload.getShort(position) & 0xffffL;
        position += 2;
        return value;
    }

    public long u32(String field) throws PayloadException {
        require(4, field, "UInt32");
        long value = payload.getInt(position) & 0xffff_ffffL;
        position += 4;
        return value;
    }

    /** A UInt64: a {@link Long}, or its decimal string when above 2^63−1 (contract rule). */
    public Object u64(String field) throws PayloadException {
        return unsigned(u64Bits(field));
    }

    /** A UInt64's 64 bits (negative above 2^63−1). */
    public long u64Bits(String field) throws PayloadException {
        return rawU64(field, "UInt64");
    }

    /** A port in network byte order, as a host-order number. */
    public long port(String field) throws PayloadException {
        require(2, field, "Port");
        long value = ((payload.get(position) & 0xffL) << 8) | (payload.get(position + 1) & 0xffL);
        position += 2;
        return value;
    }

    /** Four address bytes in wire order as {@code a.b.c.d}. */
    public String ipv4(String field) throws PayloadException {
        return IpAddressText.ipv4(ipv4Bits(field));
    }

    /** Four address bytes in wire order, read big-endian ({@code a} in the top byte). */
    public int ipv4Bits(String field) throws PayloadException {
        require(4, field, "IPv4 address");
        int address = Integer.reverseBytes(payload.getInt(position));
        position += 4;
        return address;
    }

    /** Sixteen address bytes in wire order in RFC 5952 text (IPv4-mapped as {@code a.b.c.d}). */
    public String ipv6(String field) throws PayloadException {
        long[] address = new long[2];
        ipv6Bits(field, address, 0);
        return IpAddressText.ipv6(address[0], address[1]);
    }

    /** Sixteen address bytes in wire order, read big-endian into {@code into[at]} (first 8) and {@code into[at + 1]}. */
    public void ipv6Bits(String field, long[] into, int at) throws PayloadException {
        require(16, field, "IPv6 address");
        into[at] = Long.reverseBytes(payload.getLong(position));
        into[at + 1] = Long.reverseBytes(payload.getLong(position + 8));
        position += 16;
    }

    /** A FILETIME as microseconds since the Unix epoch (negative before 1970). */
    public long filetimeMicros(String field) throws PayloadException {
        return Long.divideUnsigned(rawU64(field, "FILETIME"), 10) - FILETIME_EPOCH_OFFSET_MICROS;
    }

    /** A pointer, 8 bytes or 4 with the 32-bit header flag, as {@link #u64}'s JSON value. */
    public Object pointer(String field) throws PayloadException {
        return unsigned(pointerBits(field));
    }

    /** A pointer's bits, 8 bytes or 4 (zero-extended) with the 32-bit header flag. */
    public long pointerBits(String field) throws PayloadException {
        if (pointers32Bit) {
            require(4, field, "Pointer (32-bit)");
            long value = payload.getInt(position) & 0xffff_ffffL;
            position += 4;
            return value;
        }
        return rawU64(field, "Pointer");
    }

    /**
     * A NUL-terminated UTF-16LE string (the terminator is consumed, not returned). Without a
     * terminator the string ends at the end of the payload: tdh.h says some providers leave the
     * last string of an event unterminated and decoders may tolerate it. A string that is not the
     * last field then leaves nothing for the next one, which fails as usual. An odd byte at the end
     * is half a character, and no byte at all is no string: both are errors.
     */
    public String unicodeString(String field) throws PayloadException {
        int end = position;
        while (end + 2 <= payload.limit() && (payload.get(end) != 0 || payload.get(end + 1) != 0)) {
            end += 2;
        }
        if (end + 2 <= payload.limit()) {
            String text = utf16(position, end);
            position = end + 2;
            return text;
        }
        if (end != payload.limit() || end == position) {
            throw new PayloadException(field + ": UnicodeString from offset " + position + " has no NUL terminator and "
                    + (end == position ? "no" : "an odd") + " byte count to the end of the " + payload.limit() + "-byte payload");
        }
        String text = utf16(position, end);
        position = end;
        return text;
    }

    /**
     * A NUL-terminated ANSI string (the terminator is consumed, not returned); without one, up to the
     * end of the payload, as {@link #unicodeString} (at least one byte).
     */
    public String ansiString(String field) throws PayloadException {
        if (position == payload.limit()) {
            throw new PayloadException(field + ": AnsiString at offset " + position + " is past the end of the "
                    + payload.limit() + "-byte payload");
        }
        int end = position;
        while (end < payload.limit() && payload.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - position];
        payload.get(position, bytes);
        String text = new String(bytes, ANSI);
        position = end < payload.limit() ? end + 1 : end;
        return text;
    }

    /** A binary SID (revision 1) as {@code S-1-<authority>-<sub>-…}, formatted like ConvertSidToStringSidW. */
    public String sid(String field) throws PayloadException {
        require(8, field, "SID header");
        int revision = payload.get(position) & 0xff;
        int subAuthorityCount = payload.get(position + 1) & 0xff;
        if (revision != 1) {
            throw new PayloadException(field + ": SID revision " + revision + " at offset " + position + ", expected 1");
        }
        if (subAuthorityCount > MAX_SID_SUB_AUTHORITIES) {
            throw new PayloadException(field + ": SID with " + subAuthorityCount + " sub-authorities at offset "
                    + position + ", at most " + MAX_SID_SUB_AUTHORITIES + " exist");
        }
        require(8 + 4 * subAuthorityCount, field, "SID");
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = (authority << 8) | (payload.get(position + i) & 0xffL);
        }
        StringBuilder text = new StringBuilder("S-1-");
        // Windows writes authorities of 2^32 and above in hex.
        text.append(authority < (1L << 32) ? Long.toString(authority) : String.format(Locale.ROOT, "0x%012X", authority));
        for (int i = 0; i < subAuthorityCount; i++) {
            text.append('-').append(payload.getInt(position + 8 + 4 * i) & 0xffff_ffffL);
        }
        position += 8 + 4 * subAuthorityCount;
        return text.toString();
    }

    /** A signed integer of {@code bytes} (1, 2, 4 or 8) bytes. */
    public long signed(String field, int bytes) throws PayloadException {
        require(bytes, field, "Int" + 8 * bytes);
        long value = switch (bytes) {
            case 1 -> payload.get(position);
            case 2 -> payload.getShort(position);
            case 4 -> payload.getInt(position);
            case 8 -> payload.getLong(position);
            default -> throw new IllegalArgumentException("no " + bytes + "-byte integer type");
        };
        position += bytes;
        return value;
    }

    public float f32(String field) throws PayloadException {
        require(4, field, "Float");
        float value = payload.getFloat(position);
        position += 4;
        return value;
    }

    public double f64(String field) throws PayloadException {
        require(8, field, "Double");
        double value = payload.getDouble(position);
        position += 8;
        return value;
    }

    /** {@code count} bytes, copied. */
    public byte[] bytes(String field, int count) throws PayloadException {
        require(count, field, count + "-byte Binary");
        byte[] bytes = new byte[count];
        payload.get(position, bytes);
        position += count;
        return bytes;
    }

    /** A GUID (Data1 U32, Data2 U16, Data3 U16 little-endian, then 8 bytes in order) in lower case, no braces. */
    public String guid(String field) throws PayloadException {
        require(16, field, "GUID");
        long data1 = payload.getInt(position) & 0xffff_ffffL;
        long data2 = payload.getShort(position + 4) & 0xffffL;
        long data3 = payload.getShort(position + 6) & 0xffffL;
        long data4 = Long.reverseBytes(payload.getLong(position + 8)); // Data4 is a byte array, in order
        position += 16;
        return new UUID((data1 << 32) | (data2 << 16) | data3, data4).toString();
    }

    /** A SYSTEMTIME (eight U16: year, month, day of week, day, hour, minute, second, ms) as UTC epoch microseconds. */
    public long systemtimeMicros(String field) throws PayloadException {
        require(16, field, "SYSTEMTIME");
        int[] parts = new int[8];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = payload.getShort(position + 2 * i) & 0xffff;
        }
        try {
            LocalDateTime time = LocalDateTime.of(parts[0], parts[1], parts[3], parts[4], parts[5], parts[6],
                    parts[7] * 1_000_000);
            position += 16;
            return ChronoUnit.MICROS.between(Instant.EPOCH, time.toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            throw new PayloadException(field + ": SYSTEMTIME at offset " + position + " is no date: " + e.getMessage());
        }
    }

    /** {@code chars} UTF-16LE code units, up to the first NUL if there is one (fixed-size buffers are NUL-padded). */
    public String unicodeChars(String field, int chars) throws PayloadException {
        require(2 * chars, field, chars + "-character UnicodeString");
        int end = position;
        while (end < position + 2 * chars && (payload.get(end) != 0 || payload.get(end + 1) != 0)) {
            end += 2;
        }
        String text = utf16(position, end);
        position += 2 * chars;
        return text;
    }

    /** {@code count} ANSI bytes, up to the first NUL if there is one. */
    public String ansiChars(String field, int count) throws PayloadException {
        require(count, field, count + "-byte AnsiString");
        int end = position;
        while (end < position + count && payload.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - position];
        payload.get(position, bytes);
        position += count;
        return new String(bytes, ANSI);
    }

    /** Bytes left after the next read's offset. */
    public int remaining() {
        return payload.limit() - position;
    }

    /** Whether pointers (and SIZE_T) in this payload are 4 bytes long. */
    public boolean pointers32Bit() {
        return pointers32Bit;
    }

    private long rawU64(String field, String type) throws PayloadException {
        require(8, field, type);
        long value = payload.getLong(position);
        position += 8;
        return value;
    }

    /** An unsigned 64-bit value as the contract's JSON value: a {@link Long}, or its decimal string above 2^63−1. */
    static Object unsigned(long value) {
        return value >= 0 ? (Object) value : Long.toUnsignedString(value);
    }

    // A lone surrogate becomes U+FFFD on its own (a charset decoder may swallow the next character),
    // so the text always encodes as JSON and loses nothing else.
    private String utf16(int start, int end) {
        char[] chars = new char[(end - start) / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = payload.getChar(start + 2 * i);
        }
        for (int i = 0; i < chars.length; i++) {
            if (Character.isHighSurrogate(chars[i]) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                i++;
            } else if (Character.isSurrogate(chars[i])) {
                chars[i] = '\uFFFD';
            }
        }
        return new String(chars);
    }

    private void require(int byteCount, String field, String type) throws PayloadException {
        if (byteCount > payload.limit() - position) {
            throw new PayloadException(field + ": " + type + " needs " + byteCount + " bytes at offset " + position
                    + ", the payload has " + (payload.limit() - position) + " left of " + payload.limit());
        }
    }
}
