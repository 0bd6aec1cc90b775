package io.ringstream.sentiment.rolling;

/**
 * The rolling logic's decision to alert a supervisor, with the figures that justify it.
 *
 * @param episode 1 for the conversation's first alert, 2 after a recovery and a new decline, ...
 * @param trigger which rule fired (the threshold wins when both hold)
 * @param critical whether the rolling score is at or below the policy's critical level
 * @param drop highest recent rolling score minus the current one (0 if it rose)
 */
public record AlertDecision(
        int episode,
        Trigger trigger,
        boolean critical,
        double customerRolling,
        double drop,
        double trend,
        int turn,
        int customerTurn) {

    /** The rule that raised an alert. */
    public enum Trigger {
        /** The customer's rolling score fell below the threshold. */
        THRESHOLD,
        /** It dropped by more than the policy's amount within its number of turns. */
        DROP
    }
}
