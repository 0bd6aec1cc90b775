package io.ringstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topic;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.archive.ArchiveJob;
import io.ringstream.flink.conversion.ConversionJob;
import io.ringstream.flink.routing.RoutingJob;
import io.ringstream.flink.sla.ServiceLevelJob;
import io.ringstream.gateway.events.AssignmentsReader;
import io.ringstream.routing.kafka.RoutingFeeds;
import io.ringstream.sentiment.job.SentimentJob;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every topic a Ringstream component reads names one of its readers as the one that reports its
 * malformed records: a malformed record then yields exactly one dead letter, however many readers
 * skip it. A new reader, or a new topic, that breaks this fails here.
 */
class ReportingReadersTest {

    @Test
    void everyTopicThatIsReadHasItsReportingReaderAmongItsReaders() {
        Map<String, List<Topic<?>>> inputs =
                Map.of(
                        Components.ARCHIVE_JOB, ArchiveJob.DEFINITION.inputs(),
                        Components.ROUTING_JOB, RoutingJob.DEFINITION.inputs(),
                        Components.SLA_JOB, ServiceLevelJob.DEFINITION.inputs(),
                        Components.SENTIMENT_JOB, SentimentJob.DEFINITION.inputs(),
                        Components.CONVERSION_JOB, ConversionJob.DEFINITION.inputs(),
                        Components.ROUTING_SERVICE, RoutingFeeds.INPUTS,
                        Components.CHANNEL_GATEWAY, AssignmentsReader.INPUTS);
        Map<String, Set<String>> readers = new HashMap<>();
        inputs.forEach(
                (component, topics) ->
                        topics.forEach(
                                topic ->
                                        readers.computeIfAbsent(topic.name(), t -> new TreeSet<>())
                                                .add(component)));

        for (Topic<?> topic : Topics.ALL) {
            Set<String> of = readers.getOrDefault(topic.name(), Set.of());
            if (of.isEmpty()) {
                continue;
            }
            assertThat(of)
                    .as("%s is read by %s", topic.name(), of)
                    .contains(topic.rejectsReportedBy());
        }
        assertThat(readers.keySet())
                .as("every topic read is in the registry")
                .isSubsetOf(Topics.ALL.stream().map(Topic::name).toList());
    }

    @Test
    void theJobsDeclareTheComponentTheirDeadLettersName() {
        assertThat(ArchiveJob.DEFINITION.component()).isEqualTo(Components.ARCHIVE_JOB);
        assertThat(RoutingJob.DEFINITION.component()).isEqualTo(Components.ROUTING_JOB);
        assertThat(ServiceLevelJob.DEFINITION.component()).isEqualTo(Components.SLA_JOB);
        assertThat(SentimentJob.DEFINITION.component()).isEqualTo(Components.SENTIMENT_JOB);
        assertThat(ConversionJob.DEFINITION.component()).isEqualTo(Components.CONVERSION_JOB);
    }
}
