package io.ringstream.customers.identity;

/** Thrown where a caller asked for an identity outright and the value was refused. */
public final class IdentityRefusedException extends IllegalArgumentException {
    private final transient Normalisation.Refused refusal;

    public IdentityRefusedException(Normalisation.Refused refusal) {
        super(refusal.kind() + " refused (" + refusal.reason() + "): " + refusal.message());
        this.refusal = refusal;
    }

    public Normalisation.Refused refusal() {
        return refusal;
    }
}
