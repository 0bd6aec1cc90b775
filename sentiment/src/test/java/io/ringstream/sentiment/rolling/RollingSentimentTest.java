package io.ringstream.sentiment.rolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rolling scores and the once-per-episode alert rules, turn by turn. */
class RollingSentimentTest {
    private final AlertPolicy policy = AlertPolicy.DEFAULT; // alpha 0.4, threshold -0.3
    private final RollingSentiment rolling = new RollingSentiment(policy);
    private final ConversationState state = new ConversationState();
    private int n;

    private TurnResult customer(Double score) {
        return rolling.apply(state, new Turn("e" + ++n, "CUSTOMER", 1000L * n, score));
    }

    private TurnResult agent(Double score) {
        return rolling.apply(state, new Turn("e" + ++n, "AGENT", 1000L * n, score));
    }

    @Test
    void rollingScoresAreExponentiallyWeightedFromNeutralPerSpeakerAndOverall() {
        customer(0.5);
        TurnResult second = customer(-0.5);
        // 0.4 * 0.5 = 0.2, then 0.4 * -0.5 + 0.6 * 0.2 = -0.08
        assertThat(second.point().customerRolling()).isCloseTo(-0.08, within(1e-12));
        TurnResult third = agent(1.0);
        assertThat(third.point().agentRolling()).isCloseTo(0.4, within(1e-12));
        assertThat(third.point().customerRolling()).isCloseTo(-0.08, within(1e-12));
        assertThat(third.point().conversationRolling()).isCloseTo(0.352, within(1e-12));
        assertThat(third.point().turn()).isEqualTo(3);
        assertThat(third.point().customerTurn()).isEqualTo(2);
    }

    @Test
    void unscoredUtterancesCountAsTurnsButChangeNoScore() {
        customer(-0.5);
        TurnResult unscored = customer(null);
        assertThat(unscored.point().turn()).isEqualTo(2);
        assertThat(unscored.point().score()).isNull();
        assertThat(unscored.point().customerRolling()).isCloseTo(-0.2, within(1e-12));
        assertThat(unscored.point().customerTurn()).isEqualTo(1);
    }

    @Test
    void thresholdAlertFiresExactlyOnceAtTheRightTurn() {
        // Rolling: 0.2, 0.12, -0.168, -0.4208 (below -0.3: alert), -0.61248, -0.647488
        List<Double> scores = List.of(0.5, 0.0, -0.6, -0.8, -0.9, -0.7);
        int alertedAt = -1;
        int alerts = 0;
        for (int i = 0; i < scores.size(); i++) {
            TurnResult r = customer(scores.get(i));
            if (r.alert() != null) {
                alerts++;
                alertedAt = i + 1;
                assertThat(r.alert().trigger()).isEqualTo(AlertDecision.Trigger.THRESHOLD);
                assertThat(r.alert().episode()).isEqualTo(1);
                assertThat(r.alert().customerRolling()).isCloseTo(-0.4208, within(1e-12));
                assertThat(r.point().alerting()).isTrue();
            }
        }
        assertThat(alerts).isEqualTo(1);
        assertThat(alertedAt).isEqualTo(4);
    }

    @Test
    void recoveryReArmsAndASecondDeclineRaisesASecondAlert() {
        for (double s : new double[] {-0.9, -0.9}) {
            customer(s);
        }
        assertThat(state.episodes).isEqualTo(1);
        // Recovery: the rolling score climbs back to >= 0 (rearm level).
        TurnResult last = null;
        for (int i = 0; i < 6 && state.alerting; i++) {
            last = customer(0.9);
            assertThat(last.alert()).isNull();
        }
        assertThat(state.alerting).isFalse();
        assertThat(last.point().customerRolling()).isGreaterThanOrEqualTo(0.0);
        // Second decline.
        AlertDecision second = null;
        for (int i = 0; i < 6 && second == null; i++) {
            second = customer(-0.9).alert();
        }
        assertThat(second).isNotNull();
        assertThat(second.episode()).isEqualTo(2);
    }

    @Test
    void aBriefDipBelowTheRearmLevelDoesNotReAlert() {
        customer(-0.9); // -0.36: alert
        assertThat(state.episodes).isEqualTo(1);
        customer(0.2); // -0.136: above the threshold but below rearm 0 -> episode stays open
        assertThat(state.alerting).isTrue();
        assertThat(customer(-0.9).alert()).isNull(); // -0.4416, same episode
        assertThat(state.episodes).isEqualTo(1);
    }

    @Test
    void aSharpDropAlertsEvenAboveTheThreshold() {
        for (int i = 0; i < 5; i++) {
            customer(1.0); // climbs to 0.92224
        }
        TurnResult a = customer(-1.0); // 0.4*-1 + 0.6*0.92224 = 0.153 -> drop 0.769 but >= floor 0
        assertThat(a.alert()).isNull();
        // -0.32 + 0.6 * 0.153344 = -0.2279936: above the threshold, but 1.1502336 below the
        // peak 0.92224 (> 0.5) and below the floor 0
        TurnResult b = customer(-0.8);
        assertThat(b.alert()).isNotNull();
        assertThat(b.alert().trigger()).isEqualTo(AlertDecision.Trigger.DROP);
        assertThat(b.alert().drop()).isCloseTo(0.92224 + 0.2279936, within(1e-9));
        assertThat(b.point().customerRolling()).isGreaterThan(policy.threshold());
    }

    @Test
    void theDropWindowOnlyLooksBackTheConfiguredNumberOfTurns() {
        AlertPolicy oneTurn = policy.withDrop(0.3, 1);
        RollingSentiment r = new RollingSentiment(oneTurn);
        ConversationState s = new ConversationState();
        r.apply(s, new Turn("a", "CUSTOMER", 1, 1.0)); // 0.4
        r.apply(s, new Turn("b", "CUSTOMER", 2, 0.2)); // 0.32
        r.apply(s, new Turn("c", "CUSTOMER", 3, 0.0)); // 0.192
        TurnResult d = r.apply(s, new Turn("d", "CUSTOMER", 4, -0.6)); // -0.1248: drop 0.3168
        assertThat(d.alert()).isNotNull();
        assertThat(d.alert().drop()).isCloseTo(0.192 + 0.1248, within(1e-9));
    }

    @Test
    void agentTurnsNeverAlert() {
        for (int i = 0; i < 5; i++) {
            assertThat(agent(-1.0).alert()).isNull();
        }
        assertThat(state.episodes).isZero();
    }

    @Test
    void aRedeliveredUtteranceChangesNothing() {
        rolling.apply(state, new Turn("same", "CUSTOMER", 1, -0.9));
        TurnResult again = rolling.apply(state, new Turn("same", "CUSTOMER", 1, -0.9));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.point()).isNull();
        assertThat(state.turns).isEqualTo(1);
        assertThat(state.customerRolling()).isCloseTo(-0.36, within(1e-12));
    }

    @Test
    void severityIsCriticalAtOrBelowTheCriticalLevel() {
        customer(-1.0); // -0.4: warning
        assertThat(state.episodes).isEqualTo(1);
        RollingSentiment strict = new RollingSentiment(policy.withAlpha(1.0));
        ConversationState s = new ConversationState();
        AlertDecision d = strict.apply(s, new Turn("x", "CUSTOMER", 1, -0.9)).alert();
        assertThat(d.critical()).isTrue();
    }

    @Test
    void theTrendIsTheSlopeOfTheLastCustomerScores() {
        assertThat(RollingSentiment.trend(List.of(0.5))).isZero();
        assertThat(RollingSentiment.trend(List.of(0.6, 0.4, 0.2, 0.0, -0.2)))
                .isCloseTo(-0.2, within(1e-12));
        for (double s : new double[] {0.9, 0.9, 0.9, 0.9, 0.9, 0.6, 0.3}) {
            customer(s);
        }
        // Only the last five count: 0.9, 0.9, 0.9, 0.6, 0.3
        assertThat(customer(null).point().customerTrend()).isCloseTo(-0.15, within(1e-12));
    }

    @Test
    void memoryIsBounded() {
        for (int i = 0; i < 200; i++) {
            customer(i % 2 == 0 ? 0.5 : -0.5);
        }
        assertThat(state.recentEventIds).hasSize(RollingSentiment.REMEMBERED_IDS);
        assertThat(state.recentCustomerRolling).hasSize(policy.dropTurns());
        assertThat(state.recentCustomerScores).hasSize(policy.trendTurns());
    }
}
