package io.ringstream.routing.core;

import java.io.Serializable;

/**
 * A nudge from outside routing (a supervisor, a CRM rule, the sentiment job) about one waiting
 * contact: raise its priority by some amount, or prefer the most senior eligible agent.
 */
public record Hint(Kind kind, int by) implements Serializable {

    /** What the hint asks for. */
    public enum Kind {
        RAISE_PRIORITY,
        PREFER_SENIOR
    }

    public Hint {
        if (kind == null) {
            throw new IllegalArgumentException("hint kind must not be null");
        }
        if (kind == Kind.RAISE_PRIORITY && by == 0) {
            throw new IllegalArgumentException("RAISE_PRIORITY needs a non-zero amount");
        }
    }

    public static Hint raisePriority(int by) {
        return new Hint(Kind.RAISE_PRIORITY, by);
    }

    public static Hint preferSenior() {
        return new Hint(Kind.PREFER_SENIOR, 0);
    }
}
