package io.ringstream.customers.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * A chance of a sale with one customer, followed from first contact to payment or loss. Its stage
 * changes are business events the funnels are built from, so the allowed moves are a rule ({@link
 * LeadStage#canMoveTo}), applied by {@link #moveTo}.
 *
 * @param lostReason why it was lost: required in LOST, absent in every other stage
 * @param sourceChannel where it came from, a token such as {@code voice}, {@code web-form}, {@code
 *     whatsapp} (lower-cased)
 * @param campaign the campaign that brought it, if any
 * @param value what it is worth, with {@code currency}: both or neither, not negative, at most the
 *     currency's minor-unit digits (kept at exactly that scale: {@code 10} EUR is {@code 10.00})
 * @param currency ISO 4217
 * @param version the optimistic-concurrency version, 0 before the first write
 */
public record Lead(
        LeadId id,
        String tenant,
        CustomerId customerId,
        LeadStage stage,
        String lostReason,
        String sourceChannel,
        String campaign,
        BigDecimal value,
        Currency currency,
        String ownerAgent,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static final int MAX_LOST_REASON = 500;
    public static final int MAX_CAMPAIGN = 100;

    public Lead {
        Violations v = new Violations();
        v.require(id, "id")
                .require(tenant, "tenant")
                .maxLength(tenant, Customer.MAX_TENANT, "tenant");
        v.require(customerId, "customerId").require(stage, "stage");
        lostReason = Fields.optional(lostReason);
        if (stage == LeadStage.LOST) {
            v.require(lostReason, "lostReason")
                    .maxLength(lostReason, MAX_LOST_REASON, "lostReason");
        } else {
            v.check(lostReason == null, "lostReason is only for a LOST lead");
        }
        sourceChannel = Fields.token(sourceChannel);
        v.require(sourceChannel, "sourceChannel");
        v.check(
                sourceChannel == null || Fields.TOKEN.matcher(sourceChannel).matches(),
                "sourceChannel is a token of letters, digits, '_' or '-' (at most 32)");
        campaign = Fields.optional(campaign);
        v.maxLength(campaign, MAX_CAMPAIGN, "campaign");
        v.check((value == null) == (currency == null), "value and currency go together");
        if (value != null && currency != null) {
            v.check(value.signum() >= 0, "value is not negative");
            int digits = currency.getDefaultFractionDigits();
            if (digits >= 0) {
                BigDecimal stripped = value.stripTrailingZeros();
                if (stripped.scale() > digits) {
                    v.add(
                            "value has at most "
                                    + digits
                                    + " decimals in "
                                    + currency.getCurrencyCode());
                } else {
                    value = value.setScale(digits, RoundingMode.UNNECESSARY);
                }
            }
        }
        ownerAgent = Fields.optional(ownerAgent);
        v.maxLength(ownerAgent, Customer.MAX_AGENT, "ownerAgent");
        v.require(createdAt, "createdAt").require(updatedAt, "updatedAt");
        v.check(
                createdAt == null || updatedAt == null || !updatedAt.isBefore(createdAt),
                "updatedAt is not before createdAt");
        v.check(version >= 0, "version is not negative");
        v.throwIfAny("lead");
    }

    /** A NEW lead from a channel, without value or campaign. */
    public static Lead create(
            LeadId id, String tenant, CustomerId customerId, String sourceChannel, Instant now) {
        return new Lead(
                id,
                tenant,
                customerId,
                LeadStage.NEW,
                null,
                sourceChannel,
                null,
                null,
                null,
                null,
                now,
                now,
                0);
    }

    /**
     * The lead in its next stage.
     *
     * @param lostReason why, when {@code next} is LOST; ignored otherwise
     * @param at when it moved
     * @throws IllegalStageChangeException when the stage rule does not allow the move
     * @throws ModelViolationException when LOST comes without a reason
     */
    public Lead moveTo(LeadStage next, String lostReason, Instant at) {
        Objects.requireNonNull(next, "next stage");
        if (!stage.canMoveTo(next)) {
            throw new IllegalStageChangeException(stage, next);
        }
        return new Lead(
                id,
                tenant,
                customerId,
                next,
                next == LeadStage.LOST ? lostReason : null,
                sourceChannel,
                campaign,
                value,
                currency,
                ownerAgent,
                createdAt,
                at,
                version);
    }

    /** The lead with a value, or without one when both are null. */
    public Lead withValue(BigDecimal value, Currency currency) {
        return new Lead(
                id,
                tenant,
                customerId,
                stage,
                lostReason,
                sourceChannel,
                campaign,
                value,
                currency,
                ownerAgent,
                createdAt,
                updatedAt,
                version);
    }

    /** The same lead, belonging to another customer of its tenant (a merge moves it). */
    public Lead withCustomer(CustomerId customer) {
        return new Lead(
                id,
                tenant,
                customer,
                stage,
                lostReason,
                sourceChannel,
                campaign,
                value,
                currency,
                ownerAgent,
                createdAt,
                updatedAt,
                version);
    }
}
