package io.etwcorr.collector.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stimulus runs as a real process (sh here, cmd.exe on Windows). */
class StimulusCommandTest {

    @Test
    void runsTheCommandLineAndReportsItsExitCode(@TempDir Path dir) {
        Path out = dir.resolve("out.txt");
        Stimulus.Running running = new StimulusCommand("echo stimulus > '" + out + "'; exit 3", Duration.ofSeconds(30)).start();

        assertThat(running.finish()).isEqualTo("exited with 3");
        assertThat(out).hasContent("stimulus");
    }

    @Test
    void aCommandThatOutlivesItsWindowIsStoppedWithItsChildren(@TempDir Path dir) throws Exception {
        Path childPid = dir.resolve("child.pid");
        Stimulus.Running running = new StimulusCommand("sleep 60 & echo $! > '" + childPid + "'; wait",
                Duration.ofMillis(500)).start();

        assertThat(running.finish()).isEqualTo("stopped after 0.5 s, still running at the end of its window");
        long pid = Long.parseLong(Files.readString(childPid).trim());
        // Killing is asynchronous: give the OS a moment to end the process it was told to end.
        ProcessHandle.of(pid).ifPresent(child -> child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the sleep child").isFalse();
    }

    @Test
    void aChattyCommandNeverBlocksOnItsOutput() {
        // Far more than a pipe buffer holds: it only finishes in time because nobody has to read it.
        Stimulus.Running running = new StimulusCommand("head -c 5000000 /dev/zero", Duration.ofSeconds(30)).start();

        assertThat(running.finish()).isEqualTo("exited with 0");
    }

    @Test
    void anEmptyCommandIsRejected() {
        assertThatThrownBy(() -> new StimulusCommand(" ", Duration.ofSeconds(1)))
                .hasMessage("the stimulus command is empty");
    }
}
