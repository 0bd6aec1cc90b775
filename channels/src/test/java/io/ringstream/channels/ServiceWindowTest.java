package io.ringstream.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.channels.ServiceWindow.Author;
import io.ringstream.channels.ServiceWindow.Reason;
import io.ringstream.channels.ServiceWindow.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The 24-hour window on WhatsApp and Instagram's standard and human-agent windows, with their
 * boundaries: a reply at exactly the end of a window is outside it.
 */
class ServiceWindowTest {
    private static final long LAST_INBOUND = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
    private static final long DAY = Duration.ofHours(24).toMillis();
    private static final long WEEK = Duration.ofDays(7).toMillis();
    private static final OptionalLong WROTE = OptionalLong.of(LAST_INBOUND);

    private final ServiceWindow whatsAppWithTemplate =
            ServiceWindow.whatsApp(Optional.of("follow_up_v2"));
    private final ServiceWindow whatsAppWithout = ServiceWindow.whatsApp(Optional.empty());
    private final ServiceWindow instagram = ServiceWindow.instagram();

    @Test
    void whatsAppIsFreeFormUpToOneMillisecondBefore24Hours() {
        Verdict v = whatsAppWithTemplate.reply(WROTE, LAST_INBOUND + DAY - 1, Author.HUMAN_AGENT);

        assertThat(v).isEqualTo(new Verdict.FreeForm(Optional.empty(), LAST_INBOUND + DAY));
    }

    @Test
    void whatsAppAtExactly24HoursNeedsTheTemplate() {
        Verdict v = whatsAppWithTemplate.reply(WROTE, LAST_INBOUND + DAY, Author.HUMAN_AGENT);

        assertThat(v)
                .isEqualTo(
                        new Verdict.TemplateRequired(
                                "follow_up_v2",
                                Reason.WINDOW_CLOSED,
                                OptionalLong.of(LAST_INBOUND + DAY)));
    }

    @Test
    void whatsAppAtExactly24HoursWithoutATemplateIsRefusedWithTheClosingTime() {
        Verdict v = whatsAppWithout.reply(WROTE, LAST_INBOUND + DAY, Author.AUTOMATED);

        assertThat(v)
                .isEqualTo(
                        new Verdict.Refused(
                                Reason.NO_TEMPLATE_CONFIGURED,
                                OptionalLong.of(LAST_INBOUND + DAY)));
    }

    @Test
    void whatsAppToACustomerWhoNeverWroteNeedsTheTemplate() {
        assertThat(whatsAppWithTemplate.reply(OptionalLong.empty(), LAST_INBOUND, Author.AUTOMATED))
                .isEqualTo(
                        new Verdict.TemplateRequired(
                                "follow_up_v2", Reason.NEVER_WROTE, OptionalLong.empty()));
        assertThat(whatsAppWithout.reply(OptionalLong.empty(), LAST_INBOUND, Author.AUTOMATED))
                .isEqualTo(
                        new Verdict.Refused(Reason.NO_TEMPLATE_CONFIGURED, OptionalLong.empty()));
    }

    @Test
    void aCustomerMessageStampedAheadOfOurClockCountsAsJustReceived() {
        Verdict v = whatsAppWithout.reply(WROTE, LAST_INBOUND - 5_000, Author.HUMAN_AGENT);

        assertThat(v).isEqualTo(new Verdict.FreeForm(Optional.empty(), LAST_INBOUND + DAY));
    }

    @Test
    void instagramIsFreeFormUntaggedForAnyAuthorBefore24Hours() {
        for (Author author : Author.values()) {
            assertThat(instagram.reply(WROTE, LAST_INBOUND + DAY - 1, author))
                    .isEqualTo(new Verdict.FreeForm(Optional.empty(), LAST_INBOUND + DAY));
        }
    }

    @Test
    void instagramAtExactly24HoursLetsAHumanAgentReplyWithTheTag() {
        Verdict v = instagram.reply(WROTE, LAST_INBOUND + DAY, Author.HUMAN_AGENT);

        assertThat(v)
                .isEqualTo(
                        new Verdict.FreeForm(
                                Optional.of(ServiceWindow.HUMAN_AGENT_TAG), LAST_INBOUND + WEEK));
    }

    @Test
    void instagramAtExactly24HoursRefusesAnAutomatedReply() {
        Verdict v = instagram.reply(WROTE, LAST_INBOUND + DAY, Author.AUTOMATED);

        assertThat(v)
                .isEqualTo(
                        new Verdict.Refused(
                                Reason.AUTOMATED_AFTER_STANDARD_WINDOW,
                                OptionalLong.of(LAST_INBOUND + DAY)));
    }

    @Test
    void instagramHumanAgentWindowEndsAtExactly7Days() {
        assertThat(instagram.reply(WROTE, LAST_INBOUND + WEEK - 1, Author.HUMAN_AGENT))
                .isInstanceOf(Verdict.FreeForm.class);
        assertThat(instagram.reply(WROTE, LAST_INBOUND + WEEK, Author.HUMAN_AGENT))
                .isEqualTo(
                        new Verdict.Refused(
                                Reason.HUMAN_AGENT_WINDOW_CLOSED,
                                OptionalLong.of(LAST_INBOUND + WEEK)));
    }

    @Test
    void instagramToSomeoneWhoNeverWroteIsRefused() {
        assertThat(instagram.reply(OptionalLong.empty(), LAST_INBOUND, Author.HUMAN_AGENT))
                .isEqualTo(new Verdict.Refused(Reason.NEVER_WROTE, OptionalLong.empty()));
    }

    @Test
    void everyReasonExplainsItself() {
        for (Reason r : Reason.values()) {
            assertThat(r.explanation()).isNotBlank();
        }
    }

    @Test
    void aBlankTemplateNameIsAConfigurationError() {
        assertThatThrownBy(() -> ServiceWindow.whatsApp(Optional.of(" ")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void aReplyIsFreeFormExactlyWhileLessThan24HoursHavePassed(
            @ForAll @LongRange(min = -DAY_MS, max = 3 * DAY_MS) long elapsed,
            @ForAll Author author) {
        long now = LAST_INBOUND + elapsed;
        for (ServiceWindow window :
                new ServiceWindow[] {whatsAppWithTemplate, whatsAppWithout, instagram}) {
            Verdict v = window.reply(WROTE, now, author);
            boolean untaggedFreeForm = v instanceof Verdict.FreeForm f && f.messageTag().isEmpty();
            assertThat(untaggedFreeForm).isEqualTo(elapsed < DAY);
        }
    }

    @Property
    void aClosedWindowIsNeverReportedAsClosingAfterNow(
            @ForAll @LongRange(min = 0, max = 10 * DAY_MS) long elapsed, @ForAll Author author) {
        long now = LAST_INBOUND + elapsed;
        for (ServiceWindow window :
                new ServiceWindow[] {whatsAppWithTemplate, whatsAppWithout, instagram}) {
            Verdict v = window.reply(WROTE, now, author);
            if (v instanceof Verdict.FreeForm f) {
                assertThat(f.closesAtMillis()).isGreaterThan(now);
            } else if (v instanceof Verdict.TemplateRequired t) {
                assertThat(t.closedAtMillis().getAsLong()).isLessThanOrEqualTo(now);
            } else {
                assertThat(((Verdict.Refused) v).closedAtMillis().getAsLong())
                        .isLessThanOrEqualTo(now);
            }
        }
    }

    private static final long DAY_MS = 86_400_000L;
}
