package io.etwcorr.collector.etw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProviderEnumerationTest {
    private static final RegisteredProvider DNS_CLIENT = new RegisteredProvider(
            UUID.fromString("1c95126e-7eea-49a9-a3fe-a378b03ddb4d"), "Microsoft-Windows-DNS-Client", false);
    private static final RegisteredProvider KERNEL_PROCESS = new RegisteredProvider(
            UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716"), "Microsoft-Windows-Kernel-Process", false);
    private static final RegisteredProvider CLASSIC = new RegisteredProvider(
            UUID.fromString("9e814aad-3204-11d2-9a82-006008a86939"), "MSNT_SystemTrace", true);
    private static final List<RegisteredProvider> PROVIDERS = List.of(DNS_CLIENT, KERNEL_PROCESS, CLASSIC);

    @Test
    void readsGuidNameAndSchemaSourceOfEveryEntry() {
        byte[] bytes = EnumerationBuffer.bytes(PROVIDERS);

        assertThat(ProviderEnumeration.parse(EnumerationBuffer.inNativeMemory(bytes), bytes.length))
                .containsExactlyElementsOf(PROVIDERS);
    }

    @Test
    void aProviderWithoutANameIsNamedByItsGuid() {
        byte[] bytes = EnumerationBuffer.bytes(List.of(DNS_CLIENT));
        // Overwrite the name's first character with NUL: an empty name.
        int nameOffset = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(8 + 20);
        bytes[nameOffset] = 0;
        bytes[nameOffset + 1] = 0;

        assertThat(ProviderEnumeration.parse(EnumerationBuffer.inNativeMemory(bytes), bytes.length))
                .containsExactly(new RegisteredProvider(DNS_CLIENT.guid(), DNS_CLIENT.guid().toString(), false));
    }

    @Test
    void aBufferCutInsideTheEntriesIsAnErrorNotARead() {
        byte[] bytes = EnumerationBuffer.bytes(PROVIDERS);
        int size = 8 + 24 * 2 + 10;

        assertThatThrownBy(() -> ProviderEnumeration.parse(EnumerationBuffer.inNativeMemory(bytes), size))
                .isInstanceOf(ProviderEnumerationException.class)
                .hasMessage("the enumeration buffer claims 3 providers (80 bytes of entries) but has 66 bytes");
    }

    @Test
    void aBufferCutInsideTheLastNameIsAnError() {
        byte[] full = EnumerationBuffer.bytes(PROVIDERS);
        // Only the cut bytes exist in native memory, so a read past them would be a real overrun.
        byte[] cut = Arrays.copyOf(full, full.length - 6);

        assertThatThrownBy(() -> ProviderEnumeration.parse(EnumerationBuffer.inNativeMemory(cut), cut.length))
                .isInstanceOf(ProviderEnumerationException.class)
                .hasMessageContaining("the name of provider " + CLASSIC.guid())
                .hasMessageContaining("runs past the end of the " + cut.length + "-byte buffer");
    }

    @Test
    void aNameOffsetOutsideTheBufferIsAnError() {
        byte[] bytes = EnumerationBuffer.bytes(List.of(DNS_CLIENT));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8 + 20, bytes.length + 100);

        assertThatThrownBy(() -> ProviderEnumeration.parse(EnumerationBuffer.inNativeMemory(bytes), bytes.length))
                .isInstanceOf(ProviderEnumerationException.class)
                .hasMessageContaining("is at byte " + (bytes.length + 100) + ", outside the names area 32.." + bytes.length);
    }

    @Test
    void aBufferShorterThanItsHeaderIsAnError() {
        assertThatThrownBy(() -> ProviderEnumeration.parse(new Memory(8), 4))
                .isInstanceOf(ProviderEnumerationException.class)
                .hasMessage("the enumeration buffer has 4 bytes, less than its 8-byte header");
    }

    @Test
    void retriesWithTheSizeTdhAsksForWhileProvidersRegisterInBetween() {
        byte[] fewer = EnumerationBuffer.bytes(List.of(DNS_CLIENT));
        byte[] more = EnumerationBuffer.bytes(PROVIDERS);
        GrowingTdh tdh = new GrowingTdh(List.of(fewer, more, more));

        assertThat(ProviderEnumeration.enumerate(tdh)).containsExactlyElementsOf(PROVIDERS);
        // Sizing call, a buffer for the first size that is too small by then, one for the new size.
        assertThat(tdh.offeredSizes).containsExactly(0, fewer.length, more.length);
    }

    @Test
    void givesUpAfterALimitedNumberOfLargerBuffers() {
        // A list that grows between every two calls never fits the buffer sized by the call before.
        List<byte[]> everGrowing = new ArrayList<>();
        for (int i = 0; i <= ProviderEnumeration.MAX_ATTEMPTS + 1; i++) {
            everGrowing.add(new byte[100 + 10 * i]);
        }
        GrowingTdh tdh = new GrowingTdh(everGrowing);

        assertThatThrownBy(() -> ProviderEnumeration.enumerate(tdh))
                .isInstanceOf(ProviderEnumerationException.class)
                .hasMessage("TdhEnumerateProviders failed with Win32 error 122 after " + ProviderEnumeration.MAX_ATTEMPTS
                        + " larger buffers");
        assertThat(tdh.offeredSizes).hasSize(1 + ProviderEnumeration.MAX_ATTEMPTS);
    }

    @Test
    void anotherErrorIsReportedWithItsCode() {
        assertThatThrownBy(() -> ProviderEnumeration.enumerate((buffer, size) -> 5))
                .isInstanceOf(ProviderEnumerationException.class)
                .hasMessage("TdhEnumerateProviders failed with Win32 error 5");
    }

    /**
     * TdhEnumerateProviders whose provider list changes between calls: the i-th call sees the i-th
     * buffer and fails with ERROR_INSUFFICIENT_BUFFER when it does not fit what it was offered.
     */
    private static final class GrowingTdh implements ProviderEnumeration.EnumerateCall {
        final List<Integer> offeredSizes = new ArrayList<>();
        private final List<byte[]> contents;

        GrowingTdh(List<byte[]> contents) {
            this.contents = contents;
        }

        @Override
        public int call(Pointer buffer, IntByReference bufferSize) {
            byte[] now = contents.get(Math.min(offeredSizes.size(), contents.size() - 1));
            offeredSizes.add(bufferSize.getValue());
            if (buffer == null || bufferSize.getValue() < now.length) {
                bufferSize.setValue(now.length);
                return EtwConstants.ERROR_INSUFFICIENT_BUFFER;
            }
            buffer.write(0, now, 0, now.length);
            bufferSize.setValue(now.length);
            return 0;
        }
    }
}
