package io.ringstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.topics.Topics;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker is a real broker: topics, round trips and data surviving a restart. */
class EmbeddedKafkaBrokerITCase {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir Path dir;

    @Test
    void installsTopicsOnceRoundTripsAndKeepsDataAcrossRestart() throws Exception {
        ContactEvent event =
                ContactEvent.builder(ContactEventType.QUEUED, "c-restart-1")
                        .eventId(EventIds.of("test", "c-restart-1", "queued"))
                        .channel(Channel.VOICE)
                        .eventTime(1_700_000_000_000L)
                        .source("test")
                        .queue("sales")
                        .build();
        int port;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0)) {
            String bootstrap = broker.bootstrapServers();
            port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));

            assertThat(TopicInstaller.install(bootstrap, Topics.ALL))
                    .containsExactlyInAnyOrderElementsOf(
                            Topics.ALL.stream().map(t -> t.name()).toList());
            assertThat(TopicInstaller.install(bootstrap, Topics.ALL)).isEmpty();
            assertTopicLayout(bootstrap);

            try (EventPublisher publisher = EventPublisher.create(bootstrap)) {
                RecordMetadata metadata =
                        publisher.publish(Topics.CONTACT_EVENTS, event).get(30, TimeUnit.SECONDS);
                assertThat(metadata.topic()).isEqualTo("contact-events");
            }
            assertThat(TopicReader.readAll(bootstrap, Topics.CONTACT_EVENTS, TIMEOUT))
                    .containsExactly(event);
        }

        // The port is released on close, so the same address can be bound again.
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("localhost", port));
        }

        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(dir, port)) {
            assertThat(again.bootstrapServers()).isEqualTo("localhost:" + port);
            assertThat(TopicInstaller.install(again.bootstrapServers(), Topics.ALL)).isEmpty();
            assertThat(
                            TopicReader.readAll(
                                    again.bootstrapServers(), Topics.CONTACT_EVENTS, TIMEOUT))
                    .containsExactly(event);
        }
    }

    @Test
    void aTakenFixedPortFailsFastAsABindFailureAndLeavesTheDirectoryUsable(@TempDir Path other)
            throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("localhost", 0));
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(other, port))
                    .satisfies(e -> assertThat(EmbeddedKafkaBroker.isBindFailure(e)).isTrue());
        }

        // The failed start released the directory lock, so a retry on a free port works.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(other, 0)) {
            assertThat(TopicInstaller.install(broker.bootstrapServers(), Topics.ALL)).isNotEmpty();
        }
    }

    private static void assertTopicLayout(String bootstrap) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> names = Topics.ALL.stream().map(t -> t.name()).collect(Collectors.toSet());
            Map<String, TopicDescription> described =
                    admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            for (var topic : Topics.ALL) {
                assertThat(described.get(topic.name()).partitions())
                        .as(topic.name())
                        .hasSize(topic.partitions());
                ConfigResource resource =
                        new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
                String retention =
                        admin.describeConfigs(List.of(resource))
                                .all()
                                .get(30, TimeUnit.SECONDS)
                                .get(resource)
                                .get(TopicConfig.RETENTION_MS_CONFIG)
                                .value();
                assertThat(retention)
                        .as(topic.name())
                        .isEqualTo(String.valueOf(topic.retention().toMillis()));
            }
        }
    }
}
