package io.etwcorr.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawPropsTest {
    @Test
    void keepsTextWithinTheLimitAsItIs() {
        assertThat(RawProps.truncate("abc", 3)).isEqualTo("abc");
        assertThat(RawProps.truncate(null, 3)).isNull();
    }

    @Test
    void cutsLongerTextToTheLimitEndingInTheMarker() {
        assertThat(RawProps.truncate("abcdef", 4)).isEqualTo("abc" + RawProps.TRUNCATION_MARKER).hasSize(4);
    }

    @Test
    void neverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String cut = RawProps.truncate("ab" + emoji + "cdef", 4);

        assertThat(cut).isEqualTo("ab" + RawProps.TRUNCATION_MARKER);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    }
}
