package io.ringstream.flink.routing;

import io.ringstream.events.Assignment;
import io.ringstream.events.DeadLetter;
import java.util.ArrayList;
import java.util.List;

/** What applying one input (or the passing of time) produced, in order. */
public final class RoutingOutputs {
    final List<Assignment> assignments = new ArrayList<>();
    final List<DecisionRow> decisions = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();

    /** True when something a status snapshot shows may have changed. */
    boolean changed;

    public List<Assignment> assignments() {
        return assignments;
    }

    public List<DecisionRow> decisions() {
        return decisions;
    }

    public List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    public boolean changed() {
        return changed;
    }
}
