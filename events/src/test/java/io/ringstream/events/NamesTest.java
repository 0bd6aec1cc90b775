package io.ringstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Names that reach every key, wallboard row and status line: short, visible, no control codes. */
class NamesTest {

    @Test
    void businessWordsInAnyScriptAreNames() {
        for (String name : List.of("sales", "q-05", "Réservations", "予約", "VIP support", "a")) {
            assertThat(Names.problem(name, "queue")).as(name).isEmpty();
        }
        assertThat(Names.problem(null, "queue")).isEmpty();
        assertThat(Names.isValid(null)).isFalse();
    }

    @Test
    void blankTooLongAndControlCharactersAreRefusedNamingTheField() {
        assertThat(Names.problem(" ", "queue")).contains("queue must not be blank");
        assertThat(Names.problem("q".repeat(129), "queue"))
                .contains("queue must be at most 128 characters, was 129");
        assertThat(Names.problem("q".repeat(128), "queue")).isEmpty();
        assertThat(Names.problem("sa\u0000les", "queue"))
                .contains("queue must not contain control characters");
        assertThat(Names.problem("sales\n", "queue")).isPresent();
        assertThat(Names.problem("sales\u0085", "queue")).isPresent();
    }

    @Property(tries = 500)
    void anyControlCharacterAnywhereIsRefused(
            @ForAll @StringLength(min = 1, max = 60) @CharRange(from = 'a', to = 'z') String word,
            @ForAll("controlCharacters") char control,
            @ForAll @IntRange(min = 0, max = 60) int at) {
        int cut = Math.min(at, word.length());
        String name = word.substring(0, cut) + control + word.substring(cut);

        assertThat(Names.isValid(name)).isFalse();
        assertThat(Names.isValid(word)).isTrue();
    }

    @Provide
    Arbitrary<Character> controlCharacters() {
        return Arbitraries.of('\u0000', '\u0007', '\t', '\r', '\u001b', '\u007f', '\u009f');
    }

    @Test
    void eventsCarryingABadQueueAreInvalid() {
        ContactEvent queued =
                ContactEvent.builder(ContactEventType.QUEUED, "c1")
                        .tenant("default")
                        .eventId("e1")
                        .eventTime(1_700_000_000_000L)
                        .channel(Channel.VOICE)
                        .source("test")
                        .queue("x".repeat(100_000))
                        .build();
        assertThat(queued.violations())
                .containsExactly("queue must be at most 128 characters, was 100000");

        ContactEvent controlTenant =
                ContactEvent.builder(ContactEventType.ARRIVED, "c1")
                        .tenant("de\u0000fault")
                        .eventId("e1")
                        .eventTime(1_700_000_000_000L)
                        .channel(Channel.VOICE)
                        .source("test")
                        .build();
        assertThat(controlTenant.violations())
                .containsExactly("tenant must not contain control characters");
    }
}
