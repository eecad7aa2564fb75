package io.etwcorr.jobs.model;

import io.etwcorr.schemas.raw.RawEventCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Text in the job's own serializers: UTF-8 behind its length. The JDK encodes and decodes ASCII,
 * nearly all of this text, in bulk, where Flink's {@code StringValue} goes char by char.
 */
public final class Utf8Fields {
    /** Length of a null array; no array has a negative length. */
    private static final int NULL = -1;

    private Utf8Fields() {}

    /** A string that is not null, behind its length in four bytes ({@link EtwEventSerializer}'s format). */
    public static void write(DataOutputView out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    public static String read(DataInputView in) throws IOException {
        return decode(in, in.readInt());
    }

    /**
     * A string that may be null, behind a variable-length count of its bytes plus one (0 for null):
     * one byte for any text under 127 bytes, where the POJO serializer spends two (a null flag, a length).
     */
    public static void writeNullable(DataOutputView out, String value) throws IOException {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeVarInt(out, utf8.length + 1);
        out.write(utf8);
    }

    public static String readNullable(DataInputView in) throws IOException {
        int lengthPlusOne = readVarInt(in);
        return lengthPlusOne == 0 ? null : decode(in, lengthPlusOne - 1);
    }

    /** An array's length, then each element (none null); null as length -1. */
    public static void writeArray(DataOutputView out, String[] values) throws IOException {
        if (values == null) {
            out.writeInt(NULL);
            return;
        }
        out.writeInt(values.length);
        for (String value : values) {
            write(out, value);
        }
    }

    public static String[] readArray(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length == NULL) {
            return null;
        }
        String[] values = new String[checkedLength(length, "string array", "elements")];
        for (int i = 0; i < values.length; i++) {
            values[i] = read(in);
        }
        return values;
    }

    /**
     * Guards a length read from state before allocating for it: no text or array of the job is
     * longer than the raw record it came from, so a larger one means these bytes are not what the
     * serializer wrote.
     */
    public static int checkedLength(int length, String what, String unit) throws IOException {
        if (length < 0 || length > RawEventCodec.MAX_RECORD_BYTES) {
            throw new IOException(what + " of " + length + " " + unit + ": not bytes this serializer wrote");
        }
        return length;
    }

    private static void writeVarInt(DataOutputView out, int value) throws IOException {
        while ((value & ~0x7F) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    private static int readVarInt(DataInputView in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("text length of more than five bytes: not bytes this serializer wrote");
    }

    private static String decode(DataInputView in, int length) throws IOException {
        byte[] utf8 = new byte[checkedLength(length, "text field", "bytes")];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
