package io.ringstream.customers.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The customer record's own rules: what it cleans, what it refuses. */
class CustomerTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void givenOnlyIdTenantAndTime_whenCreated_thenEverythingElseIsEmptyAndUnknown() {
        Customer c = Customer.create(CustomerId.random(), "default", null, T0);

        assertThat(c.displayName()).isNull();
        assertThat(c.consents()).isEqualTo(Consents.UNKNOWN);
        assertThat(c.tags()).isEmpty();
        assertThat(c.attributes()).isEmpty();
        assertThat(c.version()).isZero();
        assertThat(c.updatedAt()).isEqualTo(T0);
    }

    @Test
    void givenUntidyValues_whenBuilt_thenTextsAreTrimmedBlankIsAbsentAndTagsFolded() {
        Customer c =
                Customer.builder(CustomerId.random(), "default", T0)
                        .displayName("  Ana García ")
                        .preferredLanguage("es_es")
                        .tier(" Gold ")
                        .tags(Set.of("VIP", " repeat ", "vip"))
                        .attributes(Map.of("room", "sea view"))
                        .ownerAgent("   ")
                        .build();

        assertThat(c.displayName()).isEqualTo("Ana García");
        assertThat(c.preferredLanguage()).isEqualTo("es-ES");
        assertThat(c.tier()).isEqualTo("gold");
        assertThat(c.tags()).containsExactly("repeat", "vip");
        assertThat(c.ownerAgent()).isNull();
    }

    @Test
    void givenManyBrokenRules_whenBuilt_thenEveryOneIsReportedAtOnce() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("", "x");
        attributes.put("note", null);

        assertThatThrownBy(
                        () ->
                                Customer.builder(null, " ", T0)
                                        .displayName("x".repeat(201))
                                        .preferredLanguage("??")
                                        .tier("gold tier")
                                        .attributes(attributes)
                                        .updatedAt(T0.minusSeconds(1))
                                        .version(-1)
                                        .build())
                .isInstanceOfSatisfying(
                        ModelViolationException.class,
                        e ->
                                assertThat(e.violations())
                                        .contains(
                                                "id is required",
                                                "tenant is required",
                                                "displayName has at most 200 characters",
                                                "updatedAt is not before createdAt",
                                                "version is not negative",
                                                "attribute names are not blank",
                                                "attribute 'note' has a value")
                                        .anyMatch(s -> s.startsWith("preferredLanguage"))
                                        .anyMatch(s -> s.startsWith("tier")));
    }

    @Test
    void givenMoreTagsThanTheLimit_whenBuilt_thenRefused() {
        Set<String> tags = new java.util.HashSet<>();
        for (int i = 0; i <= Customer.MAX_TAGS; i++) {
            tags.add("t" + i);
        }
        assertThatThrownBy(() -> Customer.builder(CustomerId.random(), "t", T0).tags(tags).build())
                .isInstanceOf(ModelViolationException.class)
                .hasMessageContaining("at most 100 tags");
    }

    @Test
    void givenACustomer_whenItsTagsAreChangedFromOutside_thenTheRecordIsUnaffected() {
        Customer c = Customer.builder(CustomerId.random(), "t", T0).tags(Set.of("a")).build();

        assertThatThrownBy(() -> c.tags().add("b"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.attributes().put("b", "c"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void givenACustomer_whenRebuiltUnchanged_thenItIsEqual() {
        Customer c =
                Customer.builder(CustomerId.random(), "t", T0)
                        .displayName("Ana")
                        .tags(Set.of("b", "a"))
                        .version(3)
                        .build();

        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(CustomerId.of(c.id().toString())).isEqualTo(c.id());
    }

    @Test
    void givenConsentsOnTwoRecords_whenMerged_thenARefusalWinsThenAGrant() {
        Consents a =
                new Consents(
                        ConsentState.GRANTED,
                        ConsentState.UNKNOWN,
                        ConsentState.GRANTED,
                        ConsentState.UNKNOWN);
        Consents b =
                new Consents(
                        ConsentState.DENIED,
                        ConsentState.GRANTED,
                        ConsentState.UNKNOWN,
                        ConsentState.UNKNOWN);

        assertThat(a.mergedWith(b))
                .isEqualTo(
                        new Consents(
                                ConsentState.DENIED,
                                ConsentState.GRANTED,
                                ConsentState.GRANTED,
                                ConsentState.UNKNOWN));
    }
}
