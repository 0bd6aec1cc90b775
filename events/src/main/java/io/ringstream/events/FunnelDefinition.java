package io.ringstream.events;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One conversion funnel of a tenant, published at run time like {@link SlaPolicy} so that a new or
 * changed funnel needs no restart. The funnel job keeps each customer's progress through every
 * active funnel (see docs/funnels.md); its topic is {@code funnel-definitions}. A record whose
 * {@link #violations()} is not empty is dead-lettered with them.
 *
 * @param funnelId stable id; the Kafka key. A newer record with the same id replaces the older one
 * @param name for dashboards, e.g. "Sales"
 * @param steps the ordered steps, 1..{@value #MAX_STEPS}; a customer's progress is the furthest
 *     step reached
 * @param windowMillis the conversion window: every step of one attempt happens at most this long
 *     after its first step (inclusive)
 * @param orderMode whether other steps of this funnel may happen in between
 * @param attribution which contact a step is credited to in breakdowns
 * @param active false withdraws the funnel: the job stops tracking it and drops its state
 */
public record FunnelDefinition(
        int schemaVersion,
        String eventId,
        String tenant,
        long eventTime,
        String source,
        String funnelId,
        String name,
        List<Step> steps,
        long windowMillis,
        OrderMode orderMode,
        Attribution attribution,
        boolean active)
        implements RingstreamEvent {

    /** Most steps a funnel may have (ClickHouse's windowFunnel takes at most 32 conditions). */
    public static final int MAX_STEPS = 20;

    /** Longest conversion window; the job keeps a customer's state at least this long. */
    public static final Duration MAX_WINDOW = Duration.ofDays(366);

    /** Whether other steps of the funnel may happen between two consecutive steps. */
    public enum OrderMode {
        /** Steps in order; anything, including other steps of the funnel, may happen in between. */
        ORDERED,
        /** Steps in order; a step of this funnel other than the next one breaks the attempt. */
        STRICT
    }

    /**
     * Which contact gets the credit for a step in the breakdowns by agent, channel and campaign.
     */
    public enum Attribution {
        /** The first contact handled for the customer in the attempt (or one window before it). */
        FIRST_TOUCH,
        /** The last contact handled for the customer before the step. */
        LAST_TOUCH,
        /** The contact between the previous step and this one (or the one the step names). */
        PRECEDING_CONTACT
    }

    /** Which event record a step matches. */
    public enum EventKind {
        /** A {@link BusinessEvent}; the event type is a {@link BusinessEventType} name. */
        BUSINESS,
        /** A {@link ContactEvent}; the event type is a {@link ContactEventType} name. */
        CONTACT
    }

    /**
     * One step: an event predicate. An event matches when its kind and type name are equal, its
     * stage is {@code stage} (when set; only for {@code STAGE_CHANGED}) and each attribute named in
     * {@code attributes} has exactly that value.
     *
     * @param name unique within the funnel, e.g. "quoted"
     * @param kind which event record
     * @param eventType the type's enum name, e.g. {@code BOOKING_MADE}
     * @param stage for BUSINESS {@code STAGE_CHANGED} only: the new stage, e.g. {@code QUOTED};
     *     null matches any stage
     * @param attributes filters {@code name → value}; empty matches any
     */
    public record Step(
            String name,
            EventKind kind,
            String eventType,
            String stage,
            Map<String, String> attributes) {

        public Step {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }

        /** A step on a business event type, with no stage or attribute filter. */
        public static Step business(String name, BusinessEventType type) {
            return new Step(name, EventKind.BUSINESS, type.name(), null, Map.of());
        }

        /** A step on {@code STAGE_CHANGED} to {@code stage}. */
        public static Step stage(String name, String stage) {
            return new Step(
                    name,
                    EventKind.BUSINESS,
                    BusinessEventType.STAGE_CHANGED.name(),
                    stage,
                    Map.of());
        }

        /** A step on a contact event type, with no attribute filter. */
        public static Step contact(String name, ContactEventType type) {
            return new Step(name, EventKind.CONTACT, type.name(), null, Map.of());
        }
    }

    public FunnelDefinition {
        steps =
                steps == null
                        ? null
                        : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(steps));
    }

    /** An active funnel of the current schema version. */
    public static FunnelDefinition of(
            String eventId,
            String tenant,
            long eventTime,
            String source,
            String funnelId,
            String name,
            List<Step> steps,
            Duration window,
            OrderMode orderMode,
            Attribution attribution) {
        return new FunnelDefinition(
                Violations.CURRENT_SCHEMA_VERSION,
                eventId,
                tenant,
                eventTime,
                source,
                funnelId,
                name,
                steps,
                window.toMillis(),
                orderMode,
                attribution,
                true);
    }

    @Override
    public String key() {
        return funnelId;
    }

    @Override
    public List<String> violations() {
        // The envelope check wants a type; a funnel has none, so it passes the record kind.
        Violations v = Violations.ofEnvelope(this, "funnel");
        v.require(funnelId, "funnelId");
        v.require(name, "name");
        v.require(orderMode, "orderMode");
        v.require(attribution, "attribution");
        v.check(
                windowMillis > 0 && windowMillis <= MAX_WINDOW.toMillis(),
                "windowMillis must be 1.." + MAX_WINDOW.toMillis() + ", got " + windowMillis);
        if (steps == null || steps.isEmpty()) {
            v.add("steps must not be empty");
            return v.list();
        }
        v.check(steps.size() <= MAX_STEPS, "at most " + MAX_STEPS + " steps, got " + steps.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            checkStep(v, "steps[" + i + "]", steps.get(i), names);
        }
        return v.list();
    }

    private static void checkStep(Violations v, String at, Step step, Set<String> names) {
        if (step == null) {
            v.add(at + " is null");
            return;
        }
        if (step.name() == null || step.name().isBlank()) {
            v.add(at + ".name is required");
        } else if (!names.add(step.name())) {
            v.add(at + ": duplicate step name '" + step.name() + "'");
        }
        if (step.kind() == null) {
            v.add(at + ".kind is required");
        }
        if (step.eventType() == null || step.eventType().isBlank()) {
            v.add(at + ".eventType is required");
        } else if (step.kind() != null && !knownType(step.kind(), step.eventType())) {
            v.add(at + ": unknown " + step.kind() + " event type '" + step.eventType() + "'");
        }
        if (step.stage() != null) {
            boolean stageChange =
                    step.kind() == EventKind.BUSINESS
                            && BusinessEventType.STAGE_CHANGED.name().equals(step.eventType());
            v.check(stageChange, at + ".stage is only for BUSINESS STAGE_CHANGED");
            v.check(!step.stage().isBlank(), at + ".stage must be null (any) or not blank");
        }
        for (Map.Entry<String, String> filter : step.attributes().entrySet()) {
            v.check(!filter.getKey().isBlank(), at + ".attributes: a name is blank");
        }
    }

    private static boolean knownType(EventKind kind, String type) {
        try {
            switch (kind) {
                case BUSINESS -> BusinessEventType.valueOf(type);
                case CONTACT -> ContactEventType.valueOf(type);
            }
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
