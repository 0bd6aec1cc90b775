package io.ringstream.routing.business;

import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.customers.model.LeadStage;
import io.ringstream.events.BusinessEventType;
import io.ringstream.routing.contract.BusinessEventRequest;
import io.ringstream.routing.leads.LeadService;
import io.ringstream.routing.leads.Money;
import io.ringstream.routing.web.ProblemException;
import io.ringstream.routing.web.Requests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A {@link BusinessEventRequest} that passed every check that needs no database: which fields each
 * type needs, money, ids, sizes. Parsing everything first means a bad request is one 400 listing
 * all its problems, before any customer is looked up or created.
 *
 * @param customerId our customer id, or null when {@code identityKind} names the customer
 * @param occurredAt null when the sender did not say (then: when received)
 * @param lostReason STAGE_CHANGED to LOST: the reason, from {@code attributes.lostReason}
 */
record ValidBusinessEvent(
        BusinessEventType type,
        UUID customerId,
        IdentityKind identityKind,
        String identityValue,
        UUID leadId,
        LeadStage stage,
        Money money,
        String sourceChannel,
        String campaign,
        Instant occurredAt,
        String contactId,
        Map<String, String> attributes,
        String lostReason) {

    static final int MAX_ATTRIBUTES = 50;
    static final int MAX_ATTRIBUTE_NAME = 64;
    static final int MAX_ATTRIBUTE_VALUE = 1000;
    static final String LOST_REASON = "lostReason";
    // Business events are epoch milliseconds up to 2100 (events' own rule).
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    /** Checks {@code request}; a 400 problem listing every violation otherwise. */
    static ValidBusinessEvent of(BusinessEventRequest request) {
        if (request == null) {
            throw Requests.invalid("a body is required");
        }
        List<String> v = new ArrayList<>();
        BusinessEventType type = request.type();
        if (type == null) {
            v.add(
                    "type is required: BOOKING_MADE, PAYMENT_COMPLETED, LEAD_CREATED or STAGE_CHANGED");
        }
        UUID customerId = null;
        IdentityKind kind = null;
        String identityValue = null;
        boolean hasCustomer = present(request.customerId());
        boolean hasIdentity = request.identity() != null;
        if (hasCustomer == hasIdentity) {
            v.add("give exactly one of customerId and identity");
        } else if (hasCustomer) {
            customerId = uuid(request.customerId(), "customerId", v);
        } else {
            kind = kind(request.identity().kind(), v);
            identityValue = request.identity().value();
            if (!present(identityValue)) {
                v.add("identity.value is required");
            }
        }
        UUID leadId = present(request.leadId()) ? uuid(request.leadId(), "leadId", v) : null;
        LeadStage stage = null;
        if (present(request.stage())) {
            try {
                stage = LeadService.stage(request.stage());
            } catch (ProblemException e) {
                v.add(e.getMessage());
            }
        }
        Money money = Money.parse(request.amount(), request.currency(), "amount", v);
        boolean hasMoney = present(request.amount()) || present(request.currency());
        Map<String, String> attributes = attributes(request.attributes(), v);
        String lostReason = attributes.get(LOST_REASON);
        if (type != null) {
            switch (type) {
                case BOOKING_MADE, PAYMENT_COMPLETED -> {
                    if (!hasMoney) {
                        v.add(type + " needs amount and currency");
                    }
                    refuse(request.stage(), "stage", type, v);
                }
                case LEAD_CREATED -> {
                    if (!present(request.sourceChannel())) {
                        v.add("LEAD_CREATED needs sourceChannel");
                    }
                    refuse(request.leadId(), "leadId (we assign the new lead's id)", type, v);
                    refuse(request.stage(), "stage (a new lead is NEW)", type, v);
                }
                case STAGE_CHANGED -> {
                    if (leadId == null && !present(request.leadId())) {
                        v.add("STAGE_CHANGED needs leadId");
                    }
                    if (!present(request.stage())) {
                        v.add("STAGE_CHANGED needs stage");
                    }
                    if (hasMoney) {
                        v.add("amount and currency are not for STAGE_CHANGED");
                    }
                    if (stage == LeadStage.LOST && !present(lostReason)) {
                        v.add("STAGE_CHANGED to LOST needs attributes.lostReason");
                    }
                }
            }
            if (type != BusinessEventType.LEAD_CREATED) {
                refuse(request.sourceChannel(), "sourceChannel", type, v);
                refuse(request.campaign(), "campaign", type, v);
            }
        }
        Instant occurredAt = request.occurredAt();
        if (occurredAt != null
                && (occurredAt.toEpochMilli() <= 0 || !occurredAt.isBefore(LATEST))) {
            v.add("occurredAt must be after 1970 and before 2100");
        }
        String contactId = request.contactId();
        if (present(contactId) && !Requests.ID.matcher(contactId).matches()) {
            v.add("contactId must match " + Requests.ID.pattern());
        }
        if (!v.isEmpty()) {
            throw Requests.invalid(v);
        }
        return new ValidBusinessEvent(
                type,
                customerId,
                kind,
                identityValue,
                leadId,
                stage,
                money,
                request.sourceChannel(),
                request.campaign(),
                occurredAt,
                present(contactId) ? contactId : null,
                attributes,
                lostReason);
    }

    /**
     * A digest of what the request asks for, to tell a replay (same key, same request) from a key
     * reused for another request. Built from the parsed fields, so formatting, field order and
     * {@code 10} versus {@code 10.00} EUR do not matter; each part is length-prefixed, so no two
     * requests share a text.
     */
    String hash() {
        StringBuilder text = new StringBuilder();
        part(text, "type", type);
        part(text, "customerId", customerId);
        part(text, "identityKind", identityKind);
        part(text, "identityValue", identityValue == null ? null : identityValue.strip());
        part(text, "leadId", leadId);
        part(text, "stage", stage);
        part(text, "amount", money == null ? null : money.amount().toPlainString());
        part(text, "currency", money == null ? null : money.currency().getCurrencyCode());
        part(text, "sourceChannel", sourceChannel);
        part(text, "campaign", campaign);
        part(text, "occurredAt", occurredAt);
        part(text, "contactId", contactId);
        attributes.forEach((name, value) -> part(text, "attributes." + name, value));
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void part(StringBuilder text, String name, Object value) {
        String s = value == null ? "-" : "+" + value;
        text.append(name).append('=').append(s.length()).append(':').append(s).append('\n');
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static void refuse(String value, String field, BusinessEventType type, List<String> v) {
        if (present(value)) {
            v.add(field + " is not for " + type);
        }
    }

    private static UUID uuid(String text, String field, List<String> v) {
        String s = text.strip();
        try {
            if (s.length() == 36) {
                return UUID.fromString(s);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        v.add(field + " '" + s + "' is not a UUID");
        return null;
    }

    private static IdentityKind kind(String text, List<String> v) {
        if (present(text)) {
            try {
                return IdentityKind.valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        v.add("identity.kind must be PHONE, EMAIL, WHATSAPP, INSTAGRAM or EXTERNAL_ID");
        return null;
    }

    private static Map<String, String> attributes(Map<String, String> given, List<String> v) {
        TreeMap<String, String> out = new TreeMap<>();
        if (given == null) {
            return out;
        }
        if (given.size() > MAX_ATTRIBUTES) {
            v.add("at most " + MAX_ATTRIBUTES + " attributes");
            return out;
        }
        given.forEach(
                (name, value) -> {
                    if (!present(name) || name.length() > MAX_ATTRIBUTE_NAME) {
                        v.add("attribute names have 1.." + MAX_ATTRIBUTE_NAME + " characters");
                    } else if (value == null || value.length() > MAX_ATTRIBUTE_VALUE) {
                        v.add(
                                "attribute '"
                                        + name
                                        + "' needs a value of at most "
                                        + MAX_ATTRIBUTE_VALUE
                                        + " characters");
                    } else {
                        out.put(name, value);
                    }
                });
        return out;
    }
}
