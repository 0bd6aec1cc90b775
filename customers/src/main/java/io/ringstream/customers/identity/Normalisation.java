package io.ringstream.customers.identity;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of normalising one raw identity: the value to keep, or the reason it was refused.
 * Refusal is an ordinary answer (users type numbers wrong), not an exception.
 */
public sealed interface Normalisation permits Normalisation.Accepted, Normalisation.Refused {

    IdentityKind kind();

    String raw();

    /**
     * A value that can be kept.
     *
     * @param value the normalised value
     * @param extension a phone extension that was dropped from the value, or null
     */
    record Accepted(IdentityKind kind, String raw, String value, String extension)
            implements Normalisation {
        public Accepted {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }

        /** The phone extension given after the number, which identities do not keep. */
        public Optional<String> droppedExtension() {
            return Optional.ofNullable(extension);
        }

        /** The identity, with its raw form kept for display. */
        public Identity toIdentity(boolean verified, boolean primary) {
            return new Identity(kind, value, raw, verified, primary);
        }
    }

    /**
     * A value that cannot be an identity.
     *
     * @param reason a stable code
     * @param message what was wrong, in words an API can show
     */
    record Refused(IdentityKind kind, String raw, RefusalReason reason, String message)
            implements Normalisation {
        public Refused {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
