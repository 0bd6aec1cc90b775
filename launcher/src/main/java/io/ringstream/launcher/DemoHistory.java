package io.ringstream.launcher;

import io.ringstream.events.BusinessEventType;
import io.ringstream.pbxsim.traffic.CallerNumbers;
import io.ringstream.routing.contract.BusinessEventRequest;
import io.ringstream.routing.contract.BusinessEventRequest.IdentityReference;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * What the demo's CRM knew before {@code up} started: the first returning callers are customers
 * with names, a tier, and a past lead that was quoted, booked and paid (or lost), so the first
 * screen-pops and timelines of a fresh demo already show history. Seeded and fixed: the same
 * customers and keys every time, so a restarted {@code up} replays them harmlessly.
 */
public final class DemoHistory {
    /** How many returning callers have a history. */
    static final int CUSTOMERS = 40;

    private static final List<String> FIRST =
            List.of("Ana", "Ben", "Carla", "Dev", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jon");
    private static final List<String> LAST =
            List.of("García", "Okafor", "Novak", "Patel", "Yilmaz", "Haddad", "Lee", "Moreau");

    /**
     * A customer to create, with the number and the e-mail address that identify them (the e-mail
     * is what a returning web-chat visitor of the demo gives, so the agent's card shows them).
     */
    public record Customer(String number, String displayName, String tier, String email) {}

    /** A past business event, with the time it happened and its idempotency key. */
    record PastEvent(String idempotencyKey, Instant occurredAt, BusinessEventRequest request) {}

    /** The customers, one per returning caller of index 0 to {@link #CUSTOMERS} - 1. */
    public static List<Customer> customers() {
        List<Customer> out = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String name =
                    FIRST.get(i % FIRST.size()) + " " + LAST.get((i * 7 + i / 10) % LAST.size());
            out.add(
                    new Customer(
                            CallerNumbers.returning(i),
                            name,
                            i % 5 == 0 ? "gold" : null,
                            email(name, i)));
        }
        return out;
    }

    /**
     * {@code ana.garcia7@example.com}: the name without accents, and the index to keep it unique.
     */
    static String email(String displayName, int index) {
        String ascii =
                Normalizer.normalize(displayName, Normalizer.Form.NFD)
                        .replaceAll("\\p{M}", "")
                        .toLowerCase(Locale.ROOT)
                        .replace(' ', '.');
        return ascii + index + "@example.com";
    }

    /**
     * A customer's past lead, before {@code now}: created, then quoted, then booked and paid, or
     * lost after the quote (one in four). The lead id is not known before the first answer, so the
     * steps after it name the lead through {@code leadId} set by the sender.
     */
    static List<PastEvent> pastLead(Customer customer, long seed, Instant now) {
        Random rng = new Random(seed ^ customer.number().hashCode());
        Instant start = now.minus(Duration.ofDays(20 + rng.nextInt(60)));
        BigDecimal amount = BigDecimal.valueOf(80 + rng.nextInt(1_920)).setScale(2);
        boolean lost = rng.nextInt(4) == 0;
        List<PastEvent> steps = new ArrayList<>();
        steps.add(
                event(
                        customer,
                        "created",
                        start,
                        BusinessEventType.LEAD_CREATED,
                        null,
                        null,
                        null));
        steps.add(
                event(
                        customer,
                        "quoted",
                        start.plus(Duration.ofDays(2)),
                        BusinessEventType.STAGE_CHANGED,
                        lost ? "LOST" : "QUOTED",
                        null,
                        null));
        if (!lost) {
            steps.add(
                    event(
                            customer,
                            "booked",
                            start.plus(Duration.ofDays(5)),
                            BusinessEventType.BOOKING_MADE,
                            null,
                            amount,
                            "EUR"));
            steps.add(
                    event(
                            customer,
                            "paid",
                            start.plus(Duration.ofDays(9)),
                            BusinessEventType.PAYMENT_COMPLETED,
                            null,
                            amount,
                            "EUR"));
        }
        return steps;
    }

    private static PastEvent event(
            Customer customer,
            String step,
            Instant at,
            BusinessEventType type,
            String stage,
            BigDecimal amount,
            String currency) {
        BusinessEventRequest request =
                new BusinessEventRequest(
                        type,
                        null,
                        new IdentityReference("PHONE", customer.number()),
                        null,
                        stage,
                        amount == null ? null : amount.toPlainString(),
                        currency,
                        type == BusinessEventType.LEAD_CREATED ? "web-form" : null,
                        type == BusinessEventType.LEAD_CREATED ? "spring-offers" : null,
                        null,
                        null,
                        "LOST".equals(stage)
                                ? Map.of("lostReason", "chose another offer")
                                : Map.of());
        return new PastEvent("demo-history:" + customer.number() + ":" + step, at, request);
    }
}
