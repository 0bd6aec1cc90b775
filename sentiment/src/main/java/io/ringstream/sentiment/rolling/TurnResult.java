package io.ringstream.sentiment.rolling;

/**
 * What one utterance changed: the timeline point and, at most once per episode, an alert. A
 * duplicate changes nothing and yields neither.
 *
 * @param point null for a duplicate
 * @param alert null unless this utterance opened an alert episode
 */
public record TurnResult(TimelinePoint point, AlertDecision alert, boolean duplicate) {
    static TurnResult duplicateOf() {
        return new TurnResult(null, null, true);
    }
}
