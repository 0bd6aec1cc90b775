package io.ringstream.routing.screenpop;

import io.ringstream.events.Channel;
import io.ringstream.routing.customers.IdentityMatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The decisions of caller identification, plain Java so they are tested without a database: what a
 * lookup of the caller's number means, whether to create an unknown caller, and what a creation
 * attempt gives. {@link CallerIdentification} does the I/O around them.
 */
public final class IdentificationRules {
    private IdentificationRules() {}

    /** What to do after looking the number up. */
    public sealed interface Decision {}

    /** The lookup settled it: record this identification. */
    public record Settled(Identification identification) implements Decision {}

    /** A valid number nobody holds, and the tenant creates unknown callers: customer and lead. */
    public record CreateCustomerAndLead() implements Decision {}

    /**
     * One holder is the customer; several are candidates (nothing linked silently); a valid number
     * nobody holds becomes a new customer with a lead when the tenant says so, so no caller is
     * lost; a refused number (withheld, invalid) is unknown and never creates anything.
     */
    public static Decision decide(IdentityMatch found, boolean createUnknownCallers) {
        if (found instanceof IdentityMatch.One one) {
            return new Settled(Identification.of(one.customerId()));
        }
        if (found instanceof IdentityMatch.Created created) {
            return new Settled(Identification.of(created.customerId()));
        }
        if (found instanceof IdentityMatch.Many many) {
            return new Settled(Identification.ambiguous(many.customerIds()));
        }
        if (found instanceof IdentityMatch.None && createUnknownCallers) {
            return new CreateCustomerAndLead();
        }
        return new Settled(Identification.UNKNOWN);
    }

    /**
     * What a find-or-create for an unknown caller gives. Created, or found because a concurrent ask
     * created it a moment earlier: that customer, with the contact's lead. A number two customers
     * gained meanwhile: candidates and no lead. Anything else: unknown.
     *
     * @param leadId the contact's lead id ({@link #leadIdOf})
     */
    public static Identification afterCreation(IdentityMatch created, UUID leadId) {
        if (created instanceof IdentityMatch.Created c) {
            return new Identification(c.customerId(), List.of(), leadId);
        }
        if (created instanceof IdentityMatch.One one) {
            return new Identification(one.customerId(), List.of(), leadId);
        }
        if (created instanceof IdentityMatch.Many many) {
            return Identification.ambiguous(many.customerIds());
        }
        return Identification.UNKNOWN;
    }

    /**
     * The id of the lead a contact creates, derived from tenant and contact: every ask of the same
     * contact, on any instance and however they race, inserts the same lead id, so at most one lead
     * exists per contact.
     */
    public static UUID leadIdOf(String tenant, String contactId) {
        return UUID.nameUUIDFromBytes(
                ("caller-lead\u001f" + tenant + "\u001f" + contactId)
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** A lead's source channel token from the contact's channel: {@code VOICE} → {@code voice}. */
    public static String sourceChannelOf(Channel channel) {
        return channel.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
