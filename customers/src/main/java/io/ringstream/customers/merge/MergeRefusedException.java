package io.ringstream.customers.merge;

/** A merge that must not happen, with the reason. */
public final class MergeRefusedException extends IllegalArgumentException {
    private final MergeRefusal reason;

    public MergeRefusedException(MergeRefusal reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MergeRefusal reason() {
        return reason;
    }
}
