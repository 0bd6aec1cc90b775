package io.ringstream.routing.wallboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An agent's day from its events: occupancy counts only time since the day start (the state at
 * midnight comes from yesterday's events), the last state runs until now, AHT counts hold.
 */
class AgentDayTest {
    private static final long MIN = 60_000;
    private static final long DAY_START = 1_000 * 24 * 60 * MIN;

    @Test
    void occupancyAcrossMidnightWithAnOpenLastState() {
        AgentDay day =
                new AgentDay(
                        "a1",
                        0,
                        0,
                        0,
                        0,
                        0,
                        List.of(
                                "LOGGED_IN",
                                "BUSY",
                                "WRAP_UP",
                                "LOGGED_IN",
                                "SKILLS_CHANGED",
                                "NOT_READY",
                                "BUSY"),
                        List.of(
                                DAY_START - 120 * MIN, // ready yesterday: not counted
                                DAY_START - 30 * MIN, // busy across midnight: 00:00-00:20
                                DAY_START + 20 * MIN, // wrap-up 00:20-00:30
                                DAY_START + 30 * MIN, // LOGGED_IN = ready 00:30-01:00
                                DAY_START + 40 * MIN, // changes no state
                                DAY_START + 60 * MIN, // not ready 01:00-01:30: neither side
                                DAY_START + 90 * MIN)); // busy from 01:30, still on at 02:00

        KpiFigures.AgentToday today = day.today(DAY_START, DAY_START + 120 * MIN, null);

        // working = 20 + 10 + 30 = 60 min; ready = 30 min.
        assertThat(today.occupancy()).isCloseTo(60.0 / (60 + 30), within(1e-12));
    }

    @Test
    void loggedOutTimeCountsNothingAndNoPresenceGivesNoOccupancy() {
        AgentDay outAllDay =
                new AgentDay(
                        "a2",
                        0,
                        0,
                        0,
                        0,
                        0,
                        List.of("LOGGED_IN", "LOGGED_OUT"),
                        List.of(DAY_START - 60 * MIN, DAY_START - 30 * MIN));
        assertThat(outAllDay.today(DAY_START, DAY_START + 60 * MIN, null).occupancy()).isNull();

        AgentDay readyThenOut =
                new AgentDay(
                        "a3",
                        0,
                        0,
                        0,
                        0,
                        0,
                        List.of("BUSY", "LOGGED_OUT", "READY"),
                        List.of(DAY_START + 10 * MIN, DAY_START + 20 * MIN, DAY_START + 50 * MIN));
        // busy 10 min, logged out 30 min (nothing), ready 10 min until now.
        assertThat(readyThenOut.today(DAY_START, DAY_START + 60 * MIN, null).occupancy())
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void ahtCountsTalkHoldAndWrapUpPerTalkEnded() {
        AgentDay day = new AgentDay("a1", 3, 2, 180_000, 30_000, 30_000, List.of(), List.of());

        KpiFigures.AgentToday today = day.today(DAY_START, DAY_START, -0.4);

        assertThat(today.contactsToday()).isEqualTo(3);
        assertThat(today.ahtSeconds()).isEqualTo((180.0 + 30 + 30) / 2);
        assertThat(today.occupancy()).isNull();
        assertThat(today.sentiment()).isEqualTo(-0.4);
        assertThat(new AgentDay("a2", 1, 0, 0, 0, 0, List.of(), List.of()).today(0, 0, null))
                .extracting(KpiFigures.AgentToday::ahtSeconds)
                .isNull();
    }

    @Test
    void holdRunsFromHeldToResumedOrTalkEndedPerContact() {
        long held =
                HoldTime.millis(
                        List.of(
                                "HELD",
                                "HELD",
                                "HELD",
                                "RESUMED",
                                "RESUMED",
                                "HELD",
                                "TALK_ENDED",
                                "RESUMED",
                                "HELD"),
                        List.of(
                                0L, 1_000L, 2_000L, 5_000L, 6_000L, 7_000L, 9_000L, 9_500L,
                                10_000L),
                        List.of("c1", "c1", "c2", "c1", "c2", "c1", "c1", "c3", "c2"));
        // c1: 0-5 s (the second HELD while on hold changes nothing), 7-9 s ended by the talk's
        // end; c2: 2-6 s, then a hold still running (nothing yet); c3: RESUMED without HELD.
        assertThat(held).isEqualTo(5_000 + 2_000 + 4_000);
    }
}
