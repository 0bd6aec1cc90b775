package io.ringstream.pbxsim.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.customers.identity.IdentityNormaliser;
import io.ringstream.customers.identity.Normalisation;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simulated callers are valid numbers that identification accepts, and some call back. */
class CallerNumbersTest {
    private static final IdentityNormaliser INTERNATIONAL =
            IdentityNormaliser.withoutDefaultRegion();

    @Test
    void everyNumberIsAValidE164NumberThatNormalisesToItself() {
        CallerNumbers numbers = new CallerNumbers();
        Random rng = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            String number = numbers.next(rng);
            Normalisation n = INTERNATIONAL.normalise(IdentityKind.PHONE, number);
            assertThat(n).as(number).isInstanceOf(Normalisation.Accepted.class);
            assertThat(((Normalisation.Accepted) n).value()).isEqualTo(number);
        }
    }

    @Test
    void aboutTheReturningShareOfCallsComesFromTheReturningPool() {
        CallerNumbers numbers = new CallerNumbers();
        Random rng = new Random(11);
        Map<String, Integer> calls = new HashMap<>();
        int total = 10_000;
        for (int i = 0; i < total; i++) {
            calls.merge(numbers.next(rng), 1, Integer::sum);
        }
        long fromPool =
                calls.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("+44207946"))
                        .mapToLong(Map.Entry::getValue)
                        .sum();
        // 4,000 expected; a binomial's 4 sigma is about 200.
        assertThat(fromPool).isBetween(3_800L, 4_200L);
        assertThat(calls.keySet().stream().filter(k -> k.startsWith("+44207946")).count())
                .isEqualTo(CallerNumbers.RETURNING_POOL);
    }
}
