package io.ringstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.EventIds;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TopicFeed on a real broker, as routing-service's feeds and the gateway's assignments reader use
 * it: it waits for a topic that does not exist yet, starts each partition the lookback before now
 * (or at the end), and dead-letters only the invalid records of topics its component reports.
 */
class TopicFeedITCase {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESCAN = Duration.ofMillis(200);

    @TempDir Path dir;

    @Test
    void aTopicThatAppearsLaterIsReadFromTheLookback() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
                EventPublisher publisher = EventPublisher.create(broker.bootstrapServers())) {
            List<ContactEvent> seen = new CopyOnWriteArrayList<>();
            try (TopicFeed feed =
                    TopicFeed.builder("test", "later", broker.bootstrapServers())
                            .read(Topics.CONTACT_EVENTS, seen::add)
                            .lookback(Duration.ofHours(1))
                            .rescan(RESCAN)
                            .build()) {
                feed.start();

                TopicInstaller.install(broker.bootstrapServers(), Topics.ALL);
                ContactEvent early = event("c-early");
                publisher.publish(Topics.CONTACT_EVENTS, early).get(30, TimeUnit.SECONDS);
                await().atMost(TIMEOUT).until(feed::ready);
                ContactEvent late = event("c-late");
                publisher.publish(Topics.CONTACT_EVENTS, late).get(30, TimeUnit.SECONDS);

                await().atMost(TIMEOUT)
                        .untilAsserted(
                                () -> assertThat(seen).containsExactlyInAnyOrder(early, late));
            }
        }
    }

    @Test
    void withoutLookbackItStartsAtTheEndAndOnlyTheReportingReaderDeadLetters() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
                EventPublisher publisher = EventPublisher.create(broker.bootstrapServers())) {
            String bootstrap = broker.bootstrapServers();
            TopicInstaller.install(bootstrap, Topics.ALL);
            publisher.publish(Topics.CONTACT_EVENTS, event("c-old")).get(30, TimeUnit.SECONDS);
            List<ContactEvent> reported = new CopyOnWriteArrayList<>();
            List<ContactEvent> skipped = new CopyOnWriteArrayList<>();
            try (TopicFeed reporting =
                            TopicFeed.builder(Components.ARCHIVE_JOB, "feed", bootstrap)
                                    .read(Topics.CONTACT_EVENTS, reported::add)
                                    .deadLetters(publisher)
                                    .rescan(RESCAN)
                                    .build();
                    TopicFeed other =
                            TopicFeed.builder("test", "feed", bootstrap)
                                    .read(Topics.CONTACT_EVENTS, skipped::add)
                                    .deadLetters(publisher)
                                    .rescan(RESCAN)
                                    .build()) {
                reporting.start();
                other.start();
                await().atMost(TIMEOUT).until(() -> reporting.ready() && other.ready());

                publisher
                        .publishRaw(
                                Topics.CONTACT_EVENTS.name(),
                                "c-bad",
                                "not an event".getBytes(StandardCharsets.UTF_8))
                        .get(30, TimeUnit.SECONDS);
                ContactEvent fresh = event("c-fresh");
                publisher.publish(Topics.CONTACT_EVENTS, fresh).get(30, TimeUnit.SECONDS);

                await().atMost(TIMEOUT)
                        .untilAsserted(
                                () -> {
                                    assertThat(reported).containsExactly(fresh);
                                    assertThat(skipped).containsExactly(fresh);
                                });
                await().atMost(TIMEOUT)
                        .untilAsserted(
                                () ->
                                        assertThat(
                                                        TopicReader.readAll(
                                                                bootstrap,
                                                                Topics.DEAD_LETTERS,
                                                                TIMEOUT))
                                                .extracting(DeadLetter::component)
                                                .containsExactly(Components.ARCHIVE_JOB));
            }
        }
    }

    private static ContactEvent event(String contactId) {
        return ContactEvent.builder(ContactEventType.QUEUED, contactId)
                .eventId(EventIds.of("test", contactId, "queued"))
                .channel(Channel.VOICE)
                .eventTime(1_700_000_000_000L)
                .source("test")
                .queue("sales")
                .build();
    }
}
