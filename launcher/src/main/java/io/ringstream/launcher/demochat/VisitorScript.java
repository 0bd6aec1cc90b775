package io.ringstream.launcher.demochat;

import io.ringstream.launcher.DemoHistory;
import io.ringstream.pbxsim.traffic.ChatPhrases;
import io.ringstream.pbxsim.traffic.ChatPhrases.Mood;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * What one simulated web-chat visitor of {@code up} will do, decided up front from a seeded {@link
 * Random} so the behaviour is testable without a socket: which topic, who they are (a returning
 * customer of {@link DemoHistory} gives their e-mail, so the agent's card shows them), the lines
 * they write with the pause before each, and how long they wait for an agent before leaving (an
 * abandoned chat).
 *
 * @param email empty for a visitor who gives none (a new, anonymous customer)
 * @param lines the first is written at once; the others each after an agent's answer and a pause
 * @param patience how long the visitor waits for the first agent message before leaving
 */
record VisitorScript(
        String topic,
        String name,
        Optional<String> email,
        Mood mood,
        List<Line> lines,
        Duration patience) {

    /** The widget configuration every demo visitor starts with (tenant {@code default}). */
    static final String WIDGET = "demo";

    static final List<String> TOPICS = List.of("sales", "support");

    private static final List<String> ANONYMOUS_NAMES =
            List.of("Sam", "Alex", "Robin", "Kim", "Noor", "Luca", "Mina", "Tariq");

    /** One line of the visitor's, written after {@code pauseBefore}. */
    record Line(String text, Duration pauseBefore) {}

    VisitorScript {
        lines = List.copyOf(lines);
    }

    /**
     * A new visitor: sales 3 in 5, support otherwise; a returning customer 2 in 5; happy, neutral
     * or angry 35/45/20 (so sentiment moves); an opener, one to three follow-ups and a closer;
     * patience of one to three minutes.
     */
    static VisitorScript next(Random rng, List<DemoHistory.Customer> returning) {
        String topic = rng.nextInt(5) < 3 ? TOPICS.get(0) : TOPICS.get(1);
        String name;
        Optional<String> email;
        if (!returning.isEmpty() && rng.nextInt(5) < 2) {
            DemoHistory.Customer customer = returning.get(rng.nextInt(returning.size()));
            name = customer.displayName();
            email = Optional.of(customer.email());
        } else {
            name = pick(rng, ANONYMOUS_NAMES);
            email = Optional.empty();
        }
        int m = rng.nextInt(100);
        Mood mood = m < 35 ? Mood.HAPPY : m < 80 ? Mood.NEUTRAL : Mood.ANGRY;
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(pick(rng, ChatPhrases.openerLines(mood)), Duration.ZERO));
        int followUps = 1 + rng.nextInt(3);
        for (int i = 0; i < followUps; i++) {
            lines.add(new Line(pick(rng, ChatPhrases.followUpLines(mood)), seconds(rng, 4, 15)));
        }
        lines.add(new Line(pick(rng, ChatPhrases.closerLines(mood)), seconds(rng, 3, 10)));
        return new VisitorScript(topic, name, email, mood, lines, seconds(rng, 60, 180));
    }

    /** The gap before the next visitor: exponential with the given mean (Poisson arrivals). */
    static Duration nextArrival(Random rng, Duration mean) {
        double u = rng.nextDouble();
        return Duration.ofMillis(Math.round(-Math.log(1 - u) * mean.toMillis()));
    }

    private static Duration seconds(Random rng, int from, int to) {
        return Duration.ofMillis(from * 1000L + rng.nextInt((to - from) * 1000 + 1));
    }

    private static String pick(Random rng, List<String> options) {
        return options.get(rng.nextInt(options.size()));
    }
}
