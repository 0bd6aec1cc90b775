package io.ringstream.sentiment.job.operators;

import io.ringstream.events.InteractionEvent;
import org.apache.flink.api.common.functions.FilterFunction;

/**
 * Lets through only what a participant said or wrote: a provider's delivery receipt (sent,
 * delivered, read, failed) shares the interactions topic but has no words to score, and scoring it
 * would add a row to the conversation's sentiment and its timeline. Stateless.
 */
public final class OnlyTurns implements FilterFunction<InteractionEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(InteractionEvent e) {
        return e.type() != null && e.type().isTurn() && e.text() != null;
    }
}
