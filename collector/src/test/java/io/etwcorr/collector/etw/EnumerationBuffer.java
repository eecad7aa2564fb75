package io.etwcorr.collector.etw;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.Guid.GUID;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A PROVIDER_ENUMERATION_INFO as TdhEnumerateProviders lays it out: count, reserved, the 24-byte
 * entries, then the NUL-terminated UTF-16LE names the entries point to.
 */
final class EnumerationBuffer {
    private static final int HEADER_SIZE = 8;
    private static final int ENTRY_SIZE = 24;

    private EnumerationBuffer() {
    }

    static byte[] bytes(List<RegisteredProvider> providers) {
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        int namesStart = HEADER_SIZE + providers.size() * ENTRY_SIZE;
        ByteBuffer entries = ByteBuffer.allocate(namesStart).order(ByteOrder.LITTLE_ENDIAN);
        entries.putInt(providers.size()).putInt(0);
        for (RegisteredProvider provider : providers) {
            entries.put(guidBytes(provider)).putInt(provider.classic() ? 1 : 0).putInt(namesStart + names.size());
            names.writeBytes((provider.name() + "\0").getBytes(StandardCharsets.UTF_16LE));
        }
        ByteBuffer all = ByteBuffer.allocate(namesStart + names.size());
        return all.put(entries.array()).put(names.toByteArray()).array();
    }

    static Memory inNativeMemory(byte[] bytes) {
        Memory memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    private static byte[] guidBytes(RegisteredProvider provider) {
        GUID guid = GUID.fromString("{" + provider.guid() + "}");
        guid.write();
        return guid.getPointer().getByteArray(0, 16);
    }
}
