package io.ringstream.customers.model;

/** A lead asked to move to a stage {@link LeadStage#canMoveTo} does not allow from its own. */
public final class IllegalStageChangeException extends IllegalStateException {
    private final LeadStage from;
    private final LeadStage to;

    public IllegalStageChangeException(LeadStage from, LeadStage to) {
        super("a lead cannot move from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public LeadStage from() {
        return from;
    }

    public LeadStage to() {
        return to;
    }
}
