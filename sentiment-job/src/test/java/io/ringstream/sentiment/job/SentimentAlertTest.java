package io.ringstream.sentiment.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.topics.Topics;
import org.junit.jupiter.api.Test;

/** What the routing helper and supervisors receive on supervisor-alerts. */
class SentimentAlertTest {

    private static SentimentAlert alert(String trigger, String queue) {
        return new SentimentAlert(
                SentimentAlert.alertId("acme", "c1", 2),
                "acme",
                "c1",
                2,
                trigger,
                "WARNING",
                Utterances.T0,
                7,
                5,
                -0.34,
                0.66,
                -0.3,
                -0.2,
                "u7",
                "Awful, absolutely awful.",
                "en",
                "corenlp",
                queue,
                null,
                SentimentAlert.message(trigger, -0.34, -0.3, 0.66, 3),
                Utterances.T0 + 150);
    }

    @Test
    void becomesAValidNegativeSentimentSupervisorAlertThatSurvivesTheTopicSerde() {
        SupervisorAlert a = alert("THRESHOLD", "billing").toSupervisorAlert();
        assertThat(a.violations()).isEmpty();
        assertThat(a.kind()).isEqualTo(SupervisorAlert.Kind.NEGATIVE_SENTIMENT);
        assertThat(a.subject()).isEqualTo("c1");
        assertThat(a.queue()).isEqualTo("billing");
        assertThat(a.source()).isEqualTo("flink:sentiment");
        assertThat(a.message()).isEqualTo("Customer sentiment fell to -0.34 (threshold -0.30)");
        assertThat(a.attributes())
                .containsEntry("score", "-0.3400")
                .containsEntry("episode", "2")
                .containsEntry("trigger", "THRESHOLD");
        var serde = Topics.SUPERVISOR_ALERTS.serde();
        assertThat(serde.deserialize(serde.serialize(a))).isEqualTo(a);
        assertThat(Topics.SUPERVISOR_ALERTS.keyOf(a)).isEqualTo("c1");
    }

    @Test
    void dropAlertsSayHowFarAndHowFast() {
        assertThat(alert("DROP", null).message())
                .isEqualTo("Customer sentiment dropped 0.66 within 3 turns to -0.34");
    }

    @Test
    void alertIdsAreStablePerConversationAndEpisode() {
        assertThat(SentimentAlert.alertId("acme", "c1", 1))
                .isEqualTo(SentimentAlert.alertId("acme", "c1", 1))
                .isNotEqualTo(SentimentAlert.alertId("acme", "c1", 2))
                .isNotEqualTo(SentimentAlert.alertId("other", "c1", 1));
    }
}
