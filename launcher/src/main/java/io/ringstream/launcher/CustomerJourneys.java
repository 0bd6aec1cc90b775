package io.ringstream.launcher;

import io.ringstream.events.BusinessEventType;
import io.ringstream.routing.contract.BusinessEventRequest;
import io.ringstream.routing.contract.BusinessEventRequest.IdentityReference;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The demo's booking system: what it reports after a returning caller's answered calls, so {@code
 * up} shows customers with a history. A caller's second answered call opens a lead, the third gets
 * a quote (or loses the lead, one time in four), the fourth books and the fifth pays; after a paid
 * or lost lead, the next call opens a new one. Plain logic, seeded, one state per number for as
 * long as {@code up} runs (a few hundred numbers).
 */
final class CustomerJourneys {
    /** A request to send, with the idempotency key that makes resending it harmless. */
    record Step(String idempotencyKey, String number, BusinessEventRequest request) {}

    private static final class Journey {
        int answeredCalls;
        int cycle;
        String leadId;
        BusinessEventType next = null;
        BigDecimal quote;
    }

    private final Random rng;
    private final Map<String, Journey> journeys = new HashMap<>();

    CustomerJourneys(long seed) {
        this.rng = new Random(seed);
    }

    /** The step an answered call from {@code number} leads to, if any. */
    synchronized Optional<Step> answeredCall(String number, String queue, String contactId) {
        Journey j = journeys.computeIfAbsent(number, n -> new Journey());
        j.answeredCalls++;
        if (j.answeredCalls < 2) {
            return Optional.empty();
        }
        if (j.leadId == null) {
            if (j.next != null) {
                // The lead's creation was sent and is not answered yet: wait for the next call.
                return Optional.empty();
            }
            j.next = BusinessEventType.LEAD_CREATED;
            return Optional.of(
                    step(
                            number,
                            j,
                            request(
                                    BusinessEventType.LEAD_CREATED,
                                    number,
                                    null,
                                    contactId,
                                    null,
                                    null,
                                    queue)));
        }
        return switch (j.next) {
            case STAGE_CHANGED -> {
                boolean lost = rng.nextInt(4) == 0;
                j.quote =
                        BigDecimal.valueOf(80 + rng.nextInt(1_920))
                                .setScale(2, RoundingMode.UNNECESSARY);
                BusinessEventRequest r =
                        new BusinessEventRequest(
                                BusinessEventType.STAGE_CHANGED,
                                null,
                                phone(number),
                                j.leadId,
                                lost ? "LOST" : "QUOTED",
                                null,
                                null,
                                null,
                                null,
                                null,
                                contactId,
                                lost ? Map.of("lostReason", "chose another offer") : Map.of());
                Step s = step(number, j, r);
                if (lost) {
                    endCycle(j);
                } else {
                    j.next = BusinessEventType.BOOKING_MADE;
                }
                yield Optional.of(s);
            }
            case BOOKING_MADE -> {
                Step s =
                        step(
                                number,
                                j,
                                request(
                                        BusinessEventType.BOOKING_MADE,
                                        number,
                                        j.leadId,
                                        contactId,
                                        j.quote,
                                        "EUR",
                                        null));
                j.next = BusinessEventType.PAYMENT_COMPLETED;
                yield Optional.of(s);
            }
            case PAYMENT_COMPLETED -> {
                Step s =
                        step(
                                number,
                                j,
                                request(
                                        BusinessEventType.PAYMENT_COMPLETED,
                                        number,
                                        j.leadId,
                                        contactId,
                                        j.quote,
                                        "EUR",
                                        null));
                endCycle(j);
                yield Optional.of(s);
            }
            default -> Optional.empty();
        };
    }

    /** routing-service answered a lead's creation: later steps advance this lead. */
    synchronized void leadCreated(String number, String leadId) {
        Journey j = journeys.get(number);
        if (j != null && j.leadId == null && leadId != null) {
            j.leadId = leadId;
            j.next = BusinessEventType.STAGE_CHANGED;
        }
    }

    /** A lead's creation failed: the next answered call tries again. */
    synchronized void leadFailed(String number) {
        Journey j = journeys.get(number);
        if (j != null && j.leadId == null) {
            j.next = null;
        }
    }

    private static void endCycle(Journey j) {
        j.cycle++;
        j.leadId = null;
        j.next = null;
        j.quote = null;
    }

    private static Step step(String number, Journey j, BusinessEventRequest request) {
        String key =
                "demo:" + number + ":" + j.cycle + ":" + request.type() + ":" + request.stage();
        return new Step(key, number, request);
    }

    private static BusinessEventRequest request(
            BusinessEventType type,
            String number,
            String leadId,
            String contactId,
            BigDecimal amount,
            String currency,
            String campaign) {
        return new BusinessEventRequest(
                type,
                null,
                phone(number),
                leadId,
                null,
                amount == null ? null : amount.toPlainString(),
                currency,
                type == BusinessEventType.LEAD_CREATED ? "voice" : null,
                campaign,
                null,
                contactId,
                Map.of());
    }

    private static IdentityReference phone(String number) {
        return new IdentityReference("PHONE", number);
    }
}
