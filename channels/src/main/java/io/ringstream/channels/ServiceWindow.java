package io.ringstream.channels;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether an agent's reply may go out on WhatsApp or Instagram now, because both providers accept
 * free-form business messages only for a while after the customer last wrote, and a reply sent
 * outside that window fails at the provider; this says so before sending, with the reason and when
 * the window closed, so the agent gets a clear answer (docs/channels.md, "The service window").
 *
 * <p>The rules chosen, from the providers' documentation:
 *
 * <ul>
 *   <li>WhatsApp Cloud API: each message from the customer opens or renews a 24-hour customer
 *       service window; inside it any message may be sent; outside it (or before the customer has
 *       ever written) only an approved template. With a template configured the answer is to send
 *       that template, without one it is a refusal.
 *   <li>Instagram messaging (Messenger Platform policy): each message from the customer opens a
 *       24-hour standard messaging window for any reply. After it, up to 7 days after the
 *       customer's last message, a reply written by a human agent may go out with the {@code
 *       HUMAN_AGENT} message tag; automated replies may not. After 7 days, or if the customer has
 *       never written (the person must start the conversation), nothing may be sent.
 * </ul>
 *
 * <p>Boundaries: a window is open from the customer's message up to, not including, its end, so a
 * reply at exactly 24 hours is outside. A customer message stamped later than now (the provider's
 * clock ahead of ours) counts as just received. Not modelled: the longer windows Meta grants after
 * click-to-WhatsApp or click-to-Direct ads, and Instagram's other message tags.
 *
 * <p>Stateless: the caller passes the time of the customer's last inbound message and now.
 */
public final class ServiceWindow {

    /** WhatsApp's customer service window and Instagram's standard messaging window. */
    public static final Duration STANDARD_WINDOW = Duration.ofHours(24);

    /** How long after the customer's last message an Instagram human agent may still reply. */
    public static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);

    /** The Instagram message tag a human agent's reply carries after the standard window. */
    public static final String HUMAN_AGENT_TAG = "HUMAN_AGENT";

    /** Who writes the reply: Instagram's human-agent extension is for people only. */
    public enum Author {
        HUMAN_AGENT,
        AUTOMATED
    }

    /** Why a reply cannot go out free-form. */
    public enum Reason {
        NEVER_WROTE("the customer has never written on this channel"),
        WINDOW_CLOSED("the 24-hour customer service window has closed"),
        AUTOMATED_AFTER_STANDARD_WINDOW(
                "the 24-hour standard window has closed; only a human agent may still reply"),
        HUMAN_AGENT_WINDOW_CLOSED("7 days have passed since the customer's last message"),
        NO_TEMPLATE_CONFIGURED(
                "outside the 24-hour customer service window only an approved template may be"
                        + " sent, and none is configured");

        private final String explanation;

        Reason(String explanation) {
            this.explanation = explanation;
        }

        /** A sentence for the agent. */
        public String explanation() {
            return explanation;
        }
    }

    /** The answer for one reply. */
    public sealed interface Verdict
            permits Verdict.FreeForm, Verdict.TemplateRequired, Verdict.Refused {

        /**
         * The reply may go out as written, with {@code messageTag} when present ({@code
         * HUMAN_AGENT} on Instagram after the standard window), until {@code closesAtMillis} unless
         * the customer writes again.
         */
        record FreeForm(Optional<String> messageTag, long closesAtMillis) implements Verdict {}

        /**
         * The reply may not go out as written; the configured approved template may. {@code
         * closedAtMillis} is when the window closed, absent when the customer never wrote.
         */
        record TemplateRequired(String templateName, Reason reason, OptionalLong closedAtMillis)
                implements Verdict {}

        /**
         * Nothing may be sent until the customer writes again. {@code closedAtMillis} is when the
         * window that would have allowed this reply closed, absent when the customer never wrote.
         */
        record Refused(Reason reason, OptionalLong closedAtMillis) implements Verdict {}
    }

    private enum Provider {
        WHATSAPP,
        INSTAGRAM
    }

    private final Provider provider;
    private final Optional<String> approvedTemplate;

    private ServiceWindow(Provider provider, Optional<String> approvedTemplate) {
        this.provider = provider;
        this.approvedTemplate = approvedTemplate;
    }

    /** WhatsApp's rule; outside the window, the given approved template, or a refusal without. */
    public static ServiceWindow whatsApp(Optional<String> approvedTemplate) {
        Objects.requireNonNull(approvedTemplate, "approvedTemplate");
        approvedTemplate.ifPresent(
                name -> {
                    if (name.isBlank()) {
                        throw new IllegalArgumentException("a template name is not blank");
                    }
                });
        return new ServiceWindow(Provider.WHATSAPP, approvedTemplate);
    }

    /** Instagram's rule: the standard window, then the human-agent tag up to 7 days. */
    public static ServiceWindow instagram() {
        return new ServiceWindow(Provider.INSTAGRAM, Optional.empty());
    }

    /**
     * The answer for a reply by {@code author} at {@code nowMillis}, given when the customer last
     * wrote (absent when never).
     */
    public Verdict reply(OptionalLong lastInboundMillis, long nowMillis, Author author) {
        Objects.requireNonNull(lastInboundMillis, "lastInboundMillis");
        Objects.requireNonNull(author, "author");
        if (lastInboundMillis.isEmpty()) {
            return provider == Provider.WHATSAPP
                    ? outsideWhatsApp(Reason.NEVER_WROTE, OptionalLong.empty())
                    : new Verdict.Refused(Reason.NEVER_WROTE, OptionalLong.empty());
        }
        long last = lastInboundMillis.getAsLong();
        long standardEnd = last + STANDARD_WINDOW.toMillis();
        if (nowMillis < standardEnd) {
            return new Verdict.FreeForm(Optional.empty(), standardEnd);
        }
        if (provider == Provider.WHATSAPP) {
            return outsideWhatsApp(Reason.WINDOW_CLOSED, OptionalLong.of(standardEnd));
        }
        if (author == Author.AUTOMATED) {
            return new Verdict.Refused(
                    Reason.AUTOMATED_AFTER_STANDARD_WINDOW, OptionalLong.of(standardEnd));
        }
        long humanEnd = last + HUMAN_AGENT_WINDOW.toMillis();
        if (nowMillis < humanEnd) {
            return new Verdict.FreeForm(Optional.of(HUMAN_AGENT_TAG), humanEnd);
        }
        return new Verdict.Refused(Reason.HUMAN_AGENT_WINDOW_CLOSED, OptionalLong.of(humanEnd));
    }

    private Verdict outsideWhatsApp(Reason reason, OptionalLong closedAt) {
        if (approvedTemplate.isPresent()) {
            return new Verdict.TemplateRequired(approvedTemplate.get(), reason, closedAt);
        }
        return new Verdict.Refused(Reason.NO_TEMPLATE_CONFIGURED, closedAt);
    }
}
