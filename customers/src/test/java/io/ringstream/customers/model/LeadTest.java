package io.ringstream.customers.model;

import static io.ringstream.customers.model.LeadStage.BOOKED;
import static io.ringstream.customers.model.LeadStage.CONTACTED;
import static io.ringstream.customers.model.LeadStage.LOST;
import static io.ringstream.customers.model.LeadStage.NEW;
import static io.ringstream.customers.model.LeadStage.PAID;
import static io.ringstream.customers.model.LeadStage.QUALIFIED;
import static io.ringstream.customers.model.LeadStage.QUOTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Lead stages and the lead record: the stage rule, lost reasons, value and currency. */
class LeadTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency JPY = Currency.getInstance("JPY");

    private static Lead newLead() {
        return Lead.create(LeadId.random(), "default", CustomerId.random(), "Web-Form", T0);
    }

    @Test
    void givenEachStage_whenAskedWhereItMayMove_thenForwardOrLostOnly() {
        assertThat(allowedFrom(NEW))
                .containsExactlyInAnyOrder(CONTACTED, QUALIFIED, QUOTED, BOOKED, PAID, LOST);
        assertThat(allowedFrom(CONTACTED))
                .containsExactlyInAnyOrder(QUALIFIED, QUOTED, BOOKED, PAID, LOST);
        assertThat(allowedFrom(QUALIFIED)).containsExactlyInAnyOrder(QUOTED, BOOKED, PAID, LOST);
        assertThat(allowedFrom(QUOTED)).containsExactlyInAnyOrder(BOOKED, PAID, LOST);
        assertThat(allowedFrom(BOOKED)).containsExactlyInAnyOrder(PAID, LOST);
        assertThat(allowedFrom(PAID)).isEmpty();
        assertThat(allowedFrom(LOST)).isEmpty();
        assertThat(NEW.canMoveTo(null)).isFalse();
    }

    private static Set<LeadStage> allowedFrom(LeadStage from) {
        EnumSet<LeadStage> out = EnumSet.noneOf(LeadStage.class);
        for (LeadStage to : LeadStage.values()) {
            if (from.canMoveTo(to)) {
                out.add(to);
            }
        }
        return out;
    }

    @Property
    void noStageMovesBackOrToItselfAndFinalStagesGoNowhere(
            @ForAll LeadStage from, @ForAll LeadStage to) {
        if (from.canMoveTo(to)) {
            assertThat(to).isNotEqualTo(from);
            assertThat(to == LOST || to.ordinal() > from.ordinal()).isTrue();
            assertThat(from.isFinal()).isFalse();
        }
    }

    @Test
    void givenTheStages_whenClassified_thenOpenWonAndFinalAreAsDocumented() {
        assertThat(EnumSet.allOf(LeadStage.class).stream().filter(LeadStage::isOpen))
                .containsExactly(NEW, CONTACTED, QUALIFIED, QUOTED);
        assertThat(EnumSet.allOf(LeadStage.class).stream().filter(LeadStage::isWon))
                .containsExactly(BOOKED, PAID);
    }

    @Test
    void givenANewLead_whenWalkedThroughTheFunnel_thenEachMoveKeepsTheRestAndStampsTheTime() {
        Lead lead = newLead();
        Instant t1 = T0.plusSeconds(60);

        Lead paid =
                lead.moveTo(CONTACTED, null, T0)
                        .moveTo(QUOTED, "ignored", t1)
                        .moveTo(PAID, null, t1);

        assertThat(paid.stage()).isEqualTo(PAID);
        assertThat(paid.lostReason()).isNull();
        assertThat(paid.updatedAt()).isEqualTo(t1);
        assertThat(paid.sourceChannel()).isEqualTo("web-form");
        assertThat(paid.id()).isEqualTo(lead.id());
    }

    @Test
    void givenAPaidLead_whenMovedBack_thenRefusedNamingBothStages() {
        Lead paid = newLead().moveTo(PAID, null, T0);

        assertThatThrownBy(() -> paid.moveTo(QUOTED, null, T0))
                .isInstanceOfSatisfying(
                        IllegalStageChangeException.class,
                        e -> {
                            assertThat(e.from()).isEqualTo(PAID);
                            assertThat(e.to()).isEqualTo(QUOTED);
                        });
    }

    @Test
    void givenAnOpenLead_whenLostWithoutAReason_thenRefused() {
        assertThatThrownBy(() -> newLead().moveTo(LOST, "  ", T0))
                .isInstanceOf(ModelViolationException.class)
                .hasMessageContaining("lostReason is required");
        assertThat(newLead().moveTo(LOST, "chose another hotel", T0).lostReason())
                .isEqualTo("chose another hotel");
    }

    @ParameterizedTest
    @EnumSource(value = LeadStage.class, names = "LOST", mode = EnumSource.Mode.EXCLUDE)
    void givenAStageOtherThanLost_whenGivenALostReason_thenRefused(LeadStage stage) {
        assertThatThrownBy(
                        () ->
                                new Lead(
                                        LeadId.random(),
                                        "t",
                                        CustomerId.random(),
                                        stage,
                                        "why",
                                        "voice",
                                        null,
                                        null,
                                        null,
                                        null,
                                        T0,
                                        T0,
                                        0))
                .isInstanceOf(ModelViolationException.class)
                .hasMessageContaining("only for a LOST lead");
    }

    @Test
    void givenAValue_whenSet_thenKeptAtTheCurrencysScale() {
        assertThat(newLead().withValue(new BigDecimal("1250"), EUR).value()).isEqualTo("1250.00");
        assertThat(newLead().withValue(new BigDecimal("1250.500"), EUR).value())
                .isEqualTo("1250.50");
        assertThat(newLead().withValue(new BigDecimal("3000"), JPY).value()).isEqualTo("3000");
        assertThat(newLead().withValue(null, null).value()).isNull();
    }

    @Test
    void givenABadValue_whenSet_thenEachRuleIsReported() {
        assertThatThrownBy(() -> newLead().withValue(new BigDecimal("10.005"), EUR))
                .hasMessageContaining("at most 2 decimals in EUR");
        assertThatThrownBy(() -> newLead().withValue(new BigDecimal("10.5"), JPY))
                .hasMessageContaining("at most 0 decimals in JPY");
        assertThatThrownBy(() -> newLead().withValue(new BigDecimal("-1"), EUR))
                .hasMessageContaining("value is not negative");
        assertThatThrownBy(() -> newLead().withValue(BigDecimal.TEN, null))
                .hasMessageContaining("value and currency go together");
    }

    @Test
    void givenNoSourceChannel_whenCreated_thenRefused() {
        assertThatThrownBy(() -> Lead.create(LeadId.random(), "t", CustomerId.random(), " ", T0))
                .isInstanceOf(ModelViolationException.class)
                .hasMessageContaining("sourceChannel is required");
    }
}
