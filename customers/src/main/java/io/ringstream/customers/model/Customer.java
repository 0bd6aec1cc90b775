package io.ringstream.customers.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * A person or business a tenant deals with, one record across every channel. Identities (phones,
 * addresses, channel ids), leads and notes refer to it by id. Immutable: a change is a new record,
 * written with {@link #version} for optimistic concurrency (storage bumps it on each write).
 *
 * <p>Optional texts are trimmed, and blank counts as absent (null). Tags are trimmed and
 * lower-cased (case-insensitive labels); attributes are free text pairs. Both are sorted.
 *
 * @param displayName how agents see the customer; absent for a lead created from a number alone
 * @param preferredLanguage a BCP 47 tag, canonicalised ({@code es-ES})
 * @param tier a token such as {@code gold}, lower-cased; what tiers exist is the tenant's choice
 * @param ownerAgent the agent who owns the relationship, if any
 * @param version the optimistic-concurrency version, 0 before the first write
 */
public record Customer(
        CustomerId id,
        String tenant,
        String displayName,
        String preferredLanguage,
        String tier,
        Consents consents,
        Set<String> tags,
        Map<String, String> attributes,
        String ownerAgent,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static final int MAX_TENANT = 64;
    public static final int MAX_DISPLAY_NAME = 200;
    public static final int MAX_AGENT = 64;
    public static final int MAX_TAGS = 100;
    public static final int MAX_TAG_LENGTH = 64;
    public static final int MAX_ATTRIBUTES = 100;
    public static final int MAX_ATTRIBUTE_NAME = 64;
    public static final int MAX_ATTRIBUTE_VALUE = 1000;

    public Customer {
        Violations v = new Violations();
        v.require(id, "id").require(tenant, "tenant").maxLength(tenant, MAX_TENANT, "tenant");
        displayName = Fields.optional(displayName);
        v.maxLength(displayName, MAX_DISPLAY_NAME, "displayName");
        preferredLanguage = Fields.language(preferredLanguage, v);
        tier = Fields.token(tier);
        v.check(
                tier == null || Fields.TOKEN.matcher(tier).matches(),
                "tier is a token of letters, digits, '_' or '-' (at most 32)");
        consents = consents == null ? Consents.UNKNOWN : consents;
        tags = Collections.unmodifiableSortedSet(Fields.tags(tags, v));
        v.check(tags.size() <= MAX_TAGS, "a customer has at most " + MAX_TAGS + " tags");
        attributes = Collections.unmodifiableSortedMap(Fields.attributes(attributes, v));
        v.check(
                attributes.size() <= MAX_ATTRIBUTES,
                "a customer has at most " + MAX_ATTRIBUTES + " attributes");
        ownerAgent = Fields.optional(ownerAgent);
        v.maxLength(ownerAgent, MAX_AGENT, "ownerAgent");
        v.require(createdAt, "createdAt").require(updatedAt, "updatedAt");
        v.check(
                createdAt == null || updatedAt == null || !updatedAt.isBefore(createdAt),
                "updatedAt is not before createdAt");
        v.check(version >= 0, "version is not negative");
        v.throwIfAny("customer");
    }

    /** A new customer with nothing but its name (which may be absent) and its creation time. */
    public static Customer create(CustomerId id, String tenant, String displayName, Instant now) {
        return builder(id, tenant, now).displayName(displayName).build();
    }

    /** A builder for a new customer, created and updated at {@code now}, version 0. */
    public static Builder builder(CustomerId id, String tenant, Instant now) {
        return new Builder(id, tenant, now);
    }

    /** A builder holding this customer's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds customers field by field; the record validates on {@link #build()}. */
    public static final class Builder {
        private CustomerId id;
        private String tenant;
        private String displayName;
        private String preferredLanguage;
        private String tier;
        private Consents consents = Consents.UNKNOWN;
        private Set<String> tags = Set.of();
        private Map<String, String> attributes = Map.of();
        private String ownerAgent;
        private Instant createdAt;
        private Instant updatedAt;
        private long version;

        private Builder(CustomerId id, String tenant, Instant now) {
            this.id = id;
            this.tenant = tenant;
            this.createdAt = now;
            this.updatedAt = now;
        }

        private Builder(Customer c) {
            id = c.id;
            tenant = c.tenant;
            displayName = c.displayName;
            preferredLanguage = c.preferredLanguage;
            tier = c.tier;
            consents = c.consents;
            tags = c.tags;
            attributes = c.attributes;
            ownerAgent = c.ownerAgent;
            createdAt = c.createdAt;
            updatedAt = c.updatedAt;
            version = c.version;
        }

        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        public Builder preferredLanguage(String preferredLanguage) {
            this.preferredLanguage = preferredLanguage;
            return this;
        }

        public Builder tier(String tier) {
            this.tier = tier;
            return this;
        }

        public Builder consents(Consents consents) {
            this.consents = consents;
            return this;
        }

        public Builder tags(Set<String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder attributes(Map<String, String> attributes) {
            this.attributes = attributes;
            return this;
        }

        public Builder ownerAgent(String ownerAgent) {
            this.ownerAgent = ownerAgent;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * @throws ModelViolationException listing every broken rule
         */
        public Customer build() {
            return new Customer(
                    id,
                    tenant,
                    displayName,
                    preferredLanguage,
                    tier,
                    consents,
                    tags,
                    attributes,
                    ownerAgent,
                    createdAt,
                    updatedAt,
                    version);
        }
    }
}
