package io.etwcorr.collector.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A Kafka record as the spool keeps it: {@code [short key length][key][value]}, so the drainer can
 * send it again with its key (the host) without decoding the JSON.
 */
record SpooledRecord(String key, byte[] value) {

    byte[] encode() {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Short.BYTES + keyBytes.length + value.length)
                .putShort((short) keyBytes.length).put(keyBytes).put(value).array();
    }

    static SpooledRecord decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] keyBytes = new byte[Short.toUnsignedInt(buffer.getShort())];
        buffer.get(keyBytes);
        byte[] value = new byte[buffer.remaining()];
        buffer.get(value);
        return new SpooledRecord(new String(keyBytes, StandardCharsets.UTF_8), value);
    }
}
