package io.ringstream.customers.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.customers.model.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Following merged ids to the customer that holds their records now. */
class RedirectsTest {
    static final Instant T = Instant.parse("2026-12-04T12:00:00Z");
    final CustomerId a = CustomerId.random();
    final CustomerId b = CustomerId.random();
    final CustomerId c = CustomerId.random();

    private Redirect r(CustomerId from, CustomerId to) {
        return new Redirect("spa", from, to, T);
    }

    @Test
    void givenNoRedirects_whenAnIdIsResolved_thenItIsItself() {
        assertThat(Redirects.none().resolve(a)).isEqualTo(a);
        assertThat(Redirects.none().isRedirected(a)).isFalse();
    }

    @Test
    void givenAChain_whenResolved_thenEveryIdOnItEndsAtTheLast() {
        Redirects redirects = Redirects.of(List.of(r(a, b), r(b, c)));

        assertThat(redirects.resolve(a)).isEqualTo(c);
        assertThat(redirects.resolve(b)).isEqualTo(c);
        assertThat(redirects.resolve(c)).isEqualTo(c);
        assertThat(redirects.chain(a)).containsExactly(a, b, c);
        assertThat(redirects.target(a)).contains(b);
    }

    @Test
    void givenACycle_whenBuilt_thenRefusedNamingIt() {
        assertThatThrownBy(() -> Redirects.of(List.of(r(a, b), r(b, c), r(c, a))))
                .isInstanceOfSatisfying(
                        RedirectCycleException.class,
                        e -> assertThat(e.cycle()).hasSize(4).startsWith(e.cycle().get(3)));
    }

    @Test
    void givenAChain_whenARedirectBackToItsStartIsAdded_thenRefused() {
        Redirects redirects = Redirects.of(List.of(r(a, b), r(b, c)));

        assertThatThrownBy(() -> redirects.with(r(c, a)))
                .isInstanceOfSatisfying(
                        RedirectCycleException.class,
                        e -> assertThat(e.cycle()).containsExactly(c, a, b, c));
    }

    @Test
    void givenARedirectedId_whenRedirectedAgain_thenRefused() {
        Redirects redirects = Redirects.of(List.of(r(a, b)));

        assertThatThrownBy(() -> redirects.with(r(a, c)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Redirects.of(List.of(r(a, b), r(a, c))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenRedirectsAdded_whenResolved_thenTheNewOneIsFollowedAndTheOldSetIsUnchanged() {
        Redirects one = Redirects.of(List.of(r(a, b)));

        Redirects two = one.with(r(b, c));

        assertThat(two.resolve(a)).isEqualTo(c);
        assertThat(one.resolve(a)).isEqualTo(b);
        assertThat(two.size()).isEqualTo(2);
    }

    @Test
    void givenAnIdThatRedirectsToItself_whenMade_thenRefused() {
        assertThatThrownBy(() -> r(a, a)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenAnyLookup_whenFollowed_thenChainsAndCyclesAreHandledTheSameWay() {
        Map<CustomerId, CustomerId> table = Map.of(a, b, b, c);
        assertThat(Redirects.follow(a, id -> Optional.ofNullable(table.get(id)))).isEqualTo(c);

        Map<CustomerId, CustomerId> loop = Map.of(a, b, b, a);
        assertThatThrownBy(() -> Redirects.follow(a, id -> Optional.ofNullable(loop.get(id))))
                .isInstanceOf(RedirectCycleException.class);
    }

    @Test
    void givenMergesAppliedInTurn_whenEachMergedIdIsResolved_thenAllReachTheLastSurvivor() {
        Redirects redirects = Redirects.none();
        CustomerId[] ids = {
            CustomerId.random(), CustomerId.random(), CustomerId.random(), CustomerId.random()
        };
        for (int i = 0; i + 1 < ids.length; i++) {
            redirects = redirects.with(r(ids[i], ids[i + 1]));
        }
        for (CustomerId id : ids) {
            assertThat(redirects.resolve(id)).isEqualTo(ids[ids.length - 1]);
        }
    }
}
