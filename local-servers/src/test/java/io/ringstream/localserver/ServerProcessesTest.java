package io.ringstream.localserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServerProcessesTest {
    private final long self = ProcessHandle.current().pid();

    @Test
    void aLiveProcessIsRecognisedByItsProgramOnly() {
        assertThat(ServerProcesses.isAlive(self, "java")).isTrue();
        assertThat(ServerProcesses.isAlive(self, "clickhouse")).isFalse();
        assertThat(ServerProcesses.isAlive(Long.MAX_VALUE, "java")).isFalse();
    }

    @Test
    void waitingEndsWhenTheServerAnswers() {
        AtomicInteger asked = new AtomicInteger();
        assertThat(
                        ServerProcesses.awaitReady(
                                self,
                                "java",
                                () -> asked.incrementAndGet() == 3,
                                Duration.ofMinutes(1)))
                .isTrue();
        assertThat(asked).hasValue(3);
    }

    @Test
    void aServerThatIsGoneOrNeverAnswersIsNotReady() {
        assertThat(
                        ServerProcesses.awaitReady(
                                Long.MAX_VALUE, "java", () -> true, Duration.ofMinutes(1)))
                .isFalse();
        assertThat(ServerProcesses.awaitReady(self, "java", () -> false, Duration.ZERO)).isFalse();
    }
}
