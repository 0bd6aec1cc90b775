package io.ringstream.launcher.demochat;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.launcher.DemoHistory;
import io.ringstream.pbxsim.traffic.ChatPhrases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simulated visitors' scripts: seeded, varied, and shaped like a short real chat. */
class VisitorScriptTest {
    private static final List<DemoHistory.Customer> RETURNING = DemoHistory.customers();

    @Test
    void theSameSeedGivesTheSameVisitors() {
        assertThat(scripts(7, 20)).isEqualTo(scripts(7, 20));
        assertThat(scripts(7, 20)).isNotEqualTo(scripts(8, 20));
    }

    @Test
    void aScriptOpensWritesOneToThreeFollowUpsAndClosesInOneMood() {
        for (VisitorScript s : scripts(42, 200)) {
            assertThat(s.lines()).hasSizeBetween(3, 5);
            assertThat(s.lines().get(0).pauseBefore()).isZero();
            assertThat(ChatPhrases.openerLines(s.mood())).contains(s.lines().get(0).text());
            assertThat(ChatPhrases.closerLines(s.mood()))
                    .contains(s.lines().get(s.lines().size() - 1).text());
            assertThat(s.lines().subList(1, s.lines().size()))
                    .allSatisfy(
                            l ->
                                    assertThat(l.pauseBefore())
                                            .isBetween(
                                                    Duration.ofSeconds(3), Duration.ofSeconds(15)));
            assertThat(s.patience()).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(3));
            assertThat(VisitorScript.TOPICS).contains(s.topic());
        }
    }

    @Test
    void someVisitorsAreReturningCustomersWhoGiveTheirEmailSoTheCardShows() {
        List<VisitorScript> scripts = scripts(42, 200);

        List<VisitorScript> known = scripts.stream().filter(s -> s.email().isPresent()).toList();
        assertThat(known).hasSizeBetween(50, 110);
        assertThat(known)
                .allSatisfy(
                        s ->
                                assertThat(RETURNING)
                                        .anySatisfy(
                                                c -> {
                                                    assertThat(c.email())
                                                            .isEqualTo(s.email().orElseThrow());
                                                    assertThat(c.displayName()).isEqualTo(s.name());
                                                }));
        assertThat(scripts).extracting(VisitorScript::topic).contains("sales", "support");
        assertThat(scripts)
                .extracting(VisitorScript::mood)
                .containsAll(List.of(ChatPhrases.Mood.values()));
    }

    @Test
    void theStartFrameFollowsTheProtocol() {
        VisitorScript known =
                scripts(42, 200).stream()
                        .filter(s -> s.email().isPresent())
                        .findFirst()
                        .orElseThrow();

        var frame = ChatFrames.start(known);

        assertThat(frame.path("type").asText()).isEqualTo("start");
        assertThat(frame.path("widget").asText()).isEqualTo("demo");
        assertThat(frame.path("topic").asText()).isEqualTo(known.topic());
        assertThat(frame.path("email").asText()).isEqualTo(known.email().orElseThrow());
        assertThat(frame.path("name").asText()).isEqualTo(known.name());
    }

    @Test
    void arrivalsArePoissonWithTheGivenMean() {
        Random rng = new Random(1);
        long total = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            Duration gap = VisitorScript.nextArrival(rng, Duration.ofSeconds(40));
            assertThat(gap.isNegative()).isFalse();
            total += gap.toMillis();
        }
        assertThat(total / (double) n).isBetween(38_000.0, 42_000.0);
    }

    private static List<VisitorScript> scripts(long seed, int n) {
        Random rng = new Random(seed);
        List<VisitorScript> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(VisitorScript.next(rng, RETURNING));
        }
        return out;
    }
}
