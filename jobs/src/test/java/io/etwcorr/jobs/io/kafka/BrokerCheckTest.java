package io.etwcorr.jobs.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerCheckTest {

    @Test
    void anUnreachableBrokerIsAnnouncedOnceThenAClearFailureAfterTheWait() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        List<String> notices = new ArrayList<>();
        long started = System.nanoTime();

        assertThatThrownBy(() -> BrokerCheck.awaitReachable("127.0.0.1:" + closedPort, Map.of(), Duration.ofSeconds(3),
                notices::add))
                .isInstanceOf(BrokerCheck.UnreachableException.class)
                .hasMessageContaining("cannot reach Kafka at 127.0.0.1:" + closedPort)
                .hasMessageContaining("tried for")
                .hasMessageContaining("Check that the broker runs");
        assertThat(notices).singleElement().asString().contains("cannot be reached", "still trying for up to 3 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }
}
