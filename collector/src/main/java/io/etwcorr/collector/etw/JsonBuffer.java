package io.etwcorr.collector.etw;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writes compact UTF-8 JSON tokens, byte for byte as Jackson's
 * {@code UTF8JsonGenerator} with default settings writes them (the raw codec's output): strings
 * escape {@code "}, {@code \}, the short escapes {@code \b \t \n \f \r}, other control characters
 * and every UTF-16 surrogate as {@code \}{@code uXXXX} with upper-case hex; everything else is
 * plain UTF-8. It exists so the collector writes a record straight from decoded values, without
 * a generator per record or boxing. Not thread-safe.
 */
public final class JsonBuffer {
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Tens and ones digit of 0..99. */
    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];
    /** Per ASCII character: 0 = written as is, -1 = {@code \}{@code u00XX}, else the letter after the backslash. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
    }

    private byte[] bytes;
    private int length;

    public JsonBuffer(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    public void reset() {
        length = 0;
    }

    public int length() {
        return length;
    }

    /** The bytes written since the last {@link #reset()}, copied. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** The bytes written from offset {@code start} on, copied. */
    byte[] copyFrom(int start) {
        return Arrays.copyOfRange(bytes, start, length);
    }

    /** The bytes written since the last reset as text (for ASCII-only content such as addresses). */
    String toAsciiString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** Bytes written as they are: pre-encoded field names, punctuation. */
    public void raw(byte[] source) {
        ensure(source.length);
        System.arraycopy(source, 0, bytes, length, source.length);
        length += source.length;
    }

    public void raw(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
    }

    /** A signed decimal number. */
    public void number(long value) {
        if (value == Long.MIN_VALUE) {
            raw(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        ensure(20);
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int end = length + digitCount(value);
        int at = end;
        // Two digits per division, and int arithmetic once the value fits: the encode's hottest loop.
        while (value > Integer.MAX_VALUE) {
            long quotient = value / 100;
            int pair = (int) (value - quotient * 100);
            bytes[--at] = ONES[pair];
            bytes[--at] = TENS[pair];
            value = quotient;
        }
        int rest = (int) value;
        while (rest >= 100) {
            int quotient = rest / 100;
            int pair = rest - quotient * 100;
            bytes[--at] = ONES[pair];
            bytes[--at] = TENS[pair];
            rest = quotient;
        }
        if (rest >= 10) {
            bytes[--at] = ONES[rest];
            bytes[--at] = TENS[rest];
        } else {
            bytes[--at] = (byte) ('0' + rest);
        }
        length = end;
    }

    /** An unsigned 64-bit value: a number, or its decimal string above 2^63−1 (the contract's rule). */
    public void unsignedNumber(long bits) {
        if (bits >= 0) {
            number(bits);
        } else {
            raw('"');
            raw(Long.toUnsignedString(bits).getBytes(StandardCharsets.US_ASCII));
            raw('"');
        }
    }

    public void bool(boolean value) {
        raw(value ? TRUE : FALSE);
    }


    /** A quoted, escaped string; null is written as {@code null}. */
    public void string(String text) {
        if (text == null) {
            raw(NULL);
            return;
        }
        int n = text.length();
        ensure(2 + 6 * n);
        byte[] out = bytes;
        int at = length;
        out[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    out[at++] = (byte) c;
                } else if (escape > 0) {
                    out[at++] = '\\';
                    out[at++] = escape;
                } else {
                    at = unicodeEscape(out, at, c);
                }
            } else if (c < 0x800) {
                out[at++] = (byte) (0xc0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                at = unicodeEscape(out, at, c);
            } else {
                out[at++] = (byte) (0xe0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                out[at++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        out[at++] = '"';
        length = at;
    }

    /** Lower-case hex digits of a 16-bit value without leading zeros (IPv6 groups). */
    void hex16(int value) {
        ensure(4);
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int digit = (value >>> shift) & 0xf;
            if (started || digit != 0 || shift == 0) {
                bytes[length++] = HEX_LOWER[digit];
                started = true;
            }
        }
    }

    private static int digitCount(long nonNegative) {
        int digits = 1;
        for (long bound = 10; digits < 19 && nonNegative >= bound; bound *= 10) {
            digits++;
        }
        return digits;
    }

    private static int unicodeEscape(byte[] out, int at, char c) {
        out[at++] = '\\';
        out[at++] = 'u';
        out[at++] = HEX_UPPER[(c >> 12) & 0xf];
        out[at++] = HEX_UPPER[(c >> 8) & 0xf];
        out[at++] = HEX_UPPER[(c >> 4) & 0xf];
        out[at++] = HEX_UPPER[c & 0xf];
        return at;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
