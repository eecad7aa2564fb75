package io.etwcorr.collector.session;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

class NativeEtwApiTest {

    @Test
    void refusesToLoadAdvapi32OffWindows() {
        assumeFalse(Platform.isWindows());

        assertThatThrownBy(NativeEtwApi::new).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("Windows");
    }
}
