package io.ringstream.routing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

/** A command the broker refuses for its size is the client's to fix (4xx), not a 503 to retry. */
class RequestsTest {

    @Test
    void aCommandTooLargeForTheBrokerIs413WhereverItIsWrapped() {
        RecordTooLargeException tooLarge =
                new RecordTooLargeException("The message is 1048700 bytes when serialized");

        for (Throwable failure :
                new Throwable[] {
                    tooLarge,
                    new CompletionException(tooLarge),
                    new CompletionException(new KafkaException(new ExecutionException(tooLarge)))
                }) {
            ProblemException problem = Requests.unavailable(failure);
            assertThat(problem.getStatus().getCode()).isEqualTo(413);
        }
    }

    @Test
    void otherSendFailuresAre503() {
        ProblemException problem =
                Requests.unavailable(
                        new CompletionException(new IllegalStateException("broker away")));

        assertThat(problem.getStatus().getCode()).isEqualTo(503);
        assertThat(problem.getMessage()).isEqualTo("broker away");
    }
}
