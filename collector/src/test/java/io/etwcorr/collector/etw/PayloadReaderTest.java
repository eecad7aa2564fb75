package io.etwcorr.collector.etw;

import io.etwcorr.testkit.etw.PayloadFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadReaderTest {
    @Test
    void integersAreLittleEndianAndUnsigned() throws PayloadException {
        PayloadReader payload = reader(0xFE, 0x34, 0x12, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF);

        assertThat(payload.u8("a")).isEqualTo(254L);
        assertThat(payload.u16("b")).isEqualTo(0x1234L);
        assertThat(payload.u32("c")).isEqualTo(4_294_967_295L);
        assertThat(payload.u64("d")).isEqualTo(Long.MAX_VALUE);
        assertThat(payload.u64("e")).as("above 2^63-1: decimal string").isEqualTo("18446744073709551615");
        assertThat(payload.position()).isEqualTo(payload.length());
    }

    @Test
    void portsAreBigEndianOnTheWire() throws PayloadException {
        PayloadReader payload = reader(0x01, 0xBB, 0xC3, 0xCB);

        assertThat(payload.port("dport")).isEqualTo(443L);
        assertThat(payload.port("sport")).isEqualTo(50123L);
    }

    @Test
    void ipv4InWireOrder() throws PayloadException {
        assertThat(reader(203, 0, 113, 7).ipv4("daddr")).isEqualTo("203.0.113.7");
    }

    @ParameterizedTest
    @CsvSource({
            "20010db8000000000000000000000001, 2001:db8::1",
            "00000000000000000000000000000000, ::",
            "00000000000000000000000000000001, ::1",
            "fe800000000000000000000000000000, fe80::",
            "20010db8000000010001000100010001, 2001:db8:0:1:1:1:1:1",
            "20010db8000000000001000000000001, 2001:db8::1:0:0:1",
            "00010000000000020000000000000003, 1:0:0:2::3",
            "20010DB8ABCD0012000000000000FFFF, 2001:db8:abcd:12::ffff",
            "00000000000000000000ffffcb007107, 203.0.113.7",
            "00000000000000000000ffff00000000, 0.0.0.0",
            "00000000000000000000000001020304, ::102:304",
            "0000000000000000ffff000001020304, ::ffff:0:102:304",
    })
    void ipv6IsRfc5952TextAndMappedIpv4IsDotted(String hex, String text) throws PayloadException {
        byte[] raw = new byte[16];
        for (int i = 0; i < 16; i++) {
            raw[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        assertThat(PayloadReader.of(raw, 0, 16, false).ipv6("daddr")).isEqualTo(text);
    }

    @Test
    void filetimeBecomesMicrosecondsSinceTheUnixEpoch() throws PayloadException {
        // 2023-01-01T00:00:00Z is FILETIME 133,170,048,000,000,000; 1970-01-01 is 116,444,736,000,000,000.
        PayloadReader payload = PayloadReader.of(concat(
                PayloadFixture.littleEndian(133_170_048_000_000_000L, 8),
                PayloadFixture.littleEndian(116_444_736_000_000_000L + 15, 8)), 0, 16, false);

        assertThat(payload.filetimeMicros("CreateTime")).isEqualTo(1_672_531_200_000_000L);
        assertThat(payload.filetimeMicros("ExitTime")).as("sub-microsecond ticks truncated").isEqualTo(1L);
    }

    @Test
    void sidsInStringForm() throws PayloadException {
        PayloadReader payload = reader(
                1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0,
                1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 0xDC, 0xE1, 0xDD, 0x3B, 0x83, 0xA3, 0x2C, 0x46,
                0x82, 0x6D, 0xA7, 0x28, 0xE9, 0x03, 0, 0,
                1, 0, 0, 0, 0, 0, 0, 16,
                1, 1, 1, 0, 0, 0, 0, 0, 7, 0, 0, 0);

        assertThat(payload.sid("a")).isEqualTo("S-1-5-18");
        assertThat(payload.sid("b")).isEqualTo("S-1-5-21-1004397020-1177330563-682061186-1001");
        assertThat(payload.sid("c")).isEqualTo("S-1-16");
        assertThat(payload.sid("d")).as("authority of 2^32 and above in hex").isEqualTo("S-1-0x010000000000-7");
    }

    @Test
    void impossibleSidsAreRejected() {
        assertThatThrownBy(() -> reader(2, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0).sid("MandatoryLabel"))
                .isInstanceOf(PayloadException.class).hasMessageContaining("MandatoryLabel").hasMessageContaining("revision 2");
        assertThatThrownBy(() -> reader(1, 16, 0, 0, 0, 0, 0, 5).sid("MandatoryLabel"))
                .isInstanceOf(PayloadException.class).hasMessageContaining("16 sub-authorities");
        assertThatThrownBy(() -> reader(1, 2, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0).sid("MandatoryLabel"))
                .isInstanceOf(PayloadException.class).hasMessageContaining("needs 16 bytes");
    }

    @Test
    void pointersAreEightBytesOrFourWithThe32BitHeaderFlag() throws PayloadException {
        byte[] raw = concat(PayloadFixture.littleEndian(0xFFFF_F806_1234_5678L, 8), PayloadFixture.littleEndian(0x7FF6_0000L, 8));

        PayloadReader x64 = PayloadReader.of(raw, 0, 16, false);
        assertThat(x64.pointer("StackBase")).isEqualTo("18446735303691753080");
        assertThat(x64.pointer("StartAddr")).isEqualTo(0x7FF6_0000L);

        PayloadReader x86 = PayloadReader.of(raw, 0, 16, true);
        assertThat(x86.pointer("StackBase")).isEqualTo(0x1234_5678L);
        assertThat(x86.pointer("StackLimit")).isEqualTo(0xFFFF_F806L);
        assertThat(x86.position()).isEqualTo(8);
    }

    @Test
    void unicodeStringsEndAtAnAlignedNulPair() throws PayloadException {
        // 41 00 | 00 41 | 00 00: the zero bytes at offsets 1-2 straddle two characters and are not the end.
        byte[] raw = concat(new byte[] {0x41, 0, 0, 0x41, 0, 0}, "😀 é\0".getBytes(StandardCharsets.UTF_16LE),
                new byte[] {0, 0});
        PayloadReader payload = PayloadReader.of(raw, 0, raw.length, false);

        assertThat(payload.unicodeString("a")).isEqualTo("A\u4100");
        assertThat(payload.unicodeString("b")).isEqualTo("😀 é");
        assertThat(payload.unicodeString("c")).isEmpty();
        assertThat(payload.position()).isEqualTo(raw.length);
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharacters() throws PayloadException {
        assertThat(reader(0x3D, 0xD8, 0x41, 0, 0x00, 0xDE, 0x3D, 0xD8, 0, 0).unicodeString("QueryName"))
                .isEqualTo("\uFFFDA\uFFFD\uFFFD");
    }

    @Test
    void ansiStringsUseTheWindowsCodePage() throws PayloadException {
        PayloadReader payload = reader('c', 'm', 'd', 0x80, 0, 0);

        assertThat(payload.ansiString("ImageName")).isEqualTo("cmd€");
        assertThat(payload.ansiString("Next")).isEmpty();
    }

    /** tdh.h: some providers leave the last string unterminated; it ends at the end of the payload, never past it. */
    @Test
    void aStringWithoutTerminatorEndsAtTheEndOfThePayload() throws PayloadException {
        PayloadReader unicode = reader(0x41, 0, 0x42, 0);
        PayloadReader ansi = reader('a', 'b');

        assertThat(unicode.unicodeString("QueryResults")).isEqualTo("AB");
        assertThat(unicode.remaining()).isZero();
        assertThat(ansi.ansiString("ImageName")).isEqualTo("ab");
        assertThat(ansi.remaining()).isZero();
        assertThat(reader(0x41, 0, 0, 0).unicodeString("QueryResults")).as("terminated").isEqualTo("A");
    }

    @Test
    void anUnterminatedStringWithAnOddByteOrNoByteLeftIsAnError() {
        assertThatThrownBy(() -> reader(0x41, 0, 0).unicodeString("QueryName"))
                .isInstanceOf(PayloadException.class)
                .hasMessage("QueryName: UnicodeString from offset 0 has no NUL terminator and an odd byte count to the end "
                        + "of the 3-byte payload");
        assertThatThrownBy(() -> reader().unicodeString("QueryName")).isInstanceOf(PayloadException.class)
                .hasMessage("QueryName: UnicodeString from offset 0 has no NUL terminator and no byte count to the end "
                        + "of the 0-byte payload");
        assertThatThrownBy(() -> reader().ansiString("ImageName")).isInstanceOf(PayloadException.class)
                .hasMessage("ImageName: AnsiString at offset 0 is past the end of the 0-byte payload");
    }

    /** An unterminated string that is not the last field takes the rest of the payload, so the next field fails. */
    @Test
    void anUnterminatedStringBeforeAnotherFieldLeavesItNothing() throws PayloadException {
        PayloadReader payload = reader(0x41, 0, 0x42, 0);

        payload.unicodeString("QueryName");

        assertThatThrownBy(() -> payload.u32("QueryType")).isInstanceOf(PayloadException.class)
                .hasMessageContaining("QueryType: UInt32 needs 4 bytes at offset 4");
    }

    @Test
    void readsBeyondTheLengthNameTheFieldAndOffset() throws PayloadException {
        PayloadReader payload = reader(1, 0, 0, 0, 2, 0);
        payload.u32("PID");

        assertThatThrownBy(() -> payload.u32("size")).isInstanceOf(PayloadException.class)
                .hasMessage("size: UInt32 needs 4 bytes at offset 4, the payload has 2 left of 6");
        assertThatThrownBy(() -> payload.ipv6("daddr")).isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> payload.u64("QueryOptions")).isInstanceOf(PayloadException.class);
        assertThat(payload.position()).as("failed reads do not move").isEqualTo(4);
        assertThat(payload.u16("Proto")).isEqualTo(2L);
    }

    @Test
    void aByteBufferIsReadFromItsPositionToItsLimitOnly() throws PayloadException {
        ByteBuffer direct = ByteBuffer.allocateDirect(8);
        direct.put(new byte[] {9, 9, 7, 0, 0, 0, 9, 9}).position(2).limit(6);

        PayloadReader payload = PayloadReader.of(direct, false);

        assertThat(payload.length()).isEqualTo(4);
        assertThat(payload.u32("PID")).isEqualTo(7L);
        assertThatThrownBy(() -> payload.u8("next")).isInstanceOf(PayloadException.class);
    }

    @Test
    void rejectsASystemtimeThatIsNoDateAndLeavesThePositionWhereItWas() throws PayloadException {
        // 2026-13-01: month 13.
        PayloadReader reader = reader(0xea, 0x07, 13, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        assertThatThrownBy(() -> reader.systemtimeMicros("Logged")).isInstanceOf(PayloadException.class)
                .hasMessageContaining("Logged: SYSTEMTIME at offset 0 is no date");
        assertThat(reader.position()).isZero();
    }

    @Test
    void readsFixedLengthStringsUpToTheirFirstNulAndSkipsThePadding() throws PayloadException {
        PayloadReader reader = reader(0x61, 0, 0x62, 0, 0, 0, 0, 0, 0x63, 0x64, 0, 0x7a);

        assertThat(reader.unicodeChars("Tag", 4)).isEqualTo("ab");
        assertThat(reader.ansiChars("Code", 4)).isEqualTo("cd");
        assertThat(reader.remaining()).isZero();
        assertThatThrownBy(() -> reader.unicodeChars("Tag", 1)).isInstanceOf(PayloadException.class);
    }

    private static PayloadReader reader(int... unsignedBytes) {
        byte[] raw = new byte[unsignedBytes.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) unsignedBytes[i];
        }
        return PayloadReader.of(raw, 0, raw.length, false);
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }
}
