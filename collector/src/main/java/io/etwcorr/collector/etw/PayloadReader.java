package io.etwcorr.collector.etw;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.Locale;

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

    private PayloadReader(ByteBuffer payload, boolean pointers32Bit) {
        this.payload = payload.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.pointers32Bit = pointers32Bit;
    }

    /**
     * A reader of the bytes between {@code payload}'s position and limit (e.g. a direct buffer over
     * EVENT_RECORD.UserData of UserDataLength bytes). {@code pointers32Bit} is whether the header has
     * EVENT_HEADER_FLAG_32_BIT_HEADER, which makes Pointer fields 4 bytes long.
     */
    public static PayloadReader of(ByteBuffer payload, boolean pointers32Bit) {
        return new PayloadReader(payload, pointers32Bit);
    }

    /** A reader of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static PayloadReader of(byte[] bytes, int offset, int length, boolean pointers32Bit) {
        return new PayloadReader(ByteBuffer.wrap(bytes, offset, length), pointers32Bit);
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
        return unsigned(rawU64(field, "UInt64"));
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
        require(4, field, "IPv4 address");
        String text = IpAddressText.ipv4(payload.get(position) & 0xff, payload.get(position + 1) & 0xff,
                payload.get(position + 2) & 0xff, payload.get(position + 3) & 0xff);
        position += 4;
        return text;
    }

    /** Sixteen address bytes in wire order in RFC 5952 text (IPv4-mapped as {@code a.b.c.d}). */
    public String ipv6(String field) throws PayloadException {
        require(16, field, "IPv6 address");
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((payload.get(position + 2 * i) & 0xff) << 8) | (payload.get(position + 2 * i + 1) & 0xff);
        }
        position += 16;
        return IpAddressText.ipv6(groups);
    }

    /** A FILETIME as microseconds since the Unix epoch (negative before 1970). */
    public long filetimeMicros(String field) throws PayloadException {
        return Long.divideUnsigned(rawU64(field, "FILETIME"), 10) - FILETIME_EPOCH_OFFSET_MICROS;
    }

    /** A pointer, 8 bytes or 4 with the 32-bit header flag, as {@link #u64}'s JSON value. */
    public Object pointer(String field) throws PayloadException {
        if (pointers32Bit) {
            require(4, field, "Pointer (32-bit)");
            long value = payload.getInt(position) & 0xffff_ffffL;
            position += 4;
            return value;
        }
        return unsigned(rawU64(field, "Pointer"));
    }

    /** A NUL-terminated UTF-16LE string (the terminator is consumed, not returned). */
    public String unicodeString(String field) throws PayloadException {
        int end = position;
        while (true) {
            if (end + 2 > payload.limit()) {
                throw new PayloadException(field + ": UnicodeString from offset " + position
                        + " has no NUL terminator within the " + payload.limit() + "-byte payload");
            }
            if (payload.get(end) == 0 && payload.get(end + 1) == 0) {
                break;
            }
            end += 2;
        }
        String text = utf16(position, end);
        position = end + 2;
        return text;
    }

    /** A NUL-terminated ANSI string (the terminator is consumed, not returned). */
    public String ansiString(String field) throws PayloadException {
        int end = position;
        while (true) {
            if (end >= payload.limit()) {
                throw new PayloadException(field + ": AnsiString from offset " + position
                        + " has no NUL terminator within the " + payload.limit() + "-byte payload");
            }
            if (payload.get(end) == 0) {
                break;
            }
            end++;
        }
        byte[] bytes = new byte[end - position];
        payload.get(position, bytes);
        String text = new String(bytes, ANSI);
        position = end + 1;
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

    private long rawU64(String field, String type) throws PayloadException {
        require(8, field, type);
        long value = payload.getLong(position);
        position += 8;
        return value;
    }

    private static Object unsigned(long value) {
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
