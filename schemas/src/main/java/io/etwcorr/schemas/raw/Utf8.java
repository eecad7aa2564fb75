package io.etwcorr.schemas.raw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 well-formedness (RFC 3629): no overlong forms, no surrogates, nothing above
 * U+10FFFF. Hand-written because Jackson does not check every byte sequence, and a
 * {@code CharsetDecoder} would not tell where the bad byte is.
 */
final class Utf8 {
    /** Eight bytes at a time, to pass over runs of ASCII (nearly all of a record) in one test. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private Utf8() {
    }

    /** Offset of the lead byte of the first ill-formed sequence, or -1 when all is well-formed. */
    static int firstInvalidOffset(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            if (i + Long.BYTES <= n && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
                i += Long.BYTES;
                continue;
            }
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int length;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                if (lead == 0xE0) {
                    secondMin = 0xA0; // overlong below U+0800
                } else if (lead == 0xED) {
                    secondMax = 0x9F; // UTF-16 surrogates
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                if (lead == 0xF0) {
                    secondMin = 0x90; // overlong below U+10000
                } else if (lead == 0xF4) {
                    secondMax = 0x8F; // above U+10FFFF
                }
            } else {
                return i;
            }
            if (i + length > n) {
                return i;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < secondMin || second > secondMax) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }

    /** Index of the first unpaired surrogate in {@code text}, or -1 when it encodes to UTF-8. */
    static int firstUnpairedSurrogate(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
