package io.ringstream.routing.wallboard;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.ringstream.analytics.wallboard.QueueThresholds;

/**
 * {@code ringstream.wallboard.queues.<queue>.*}: one queue's thresholds where they differ from the
 * defaults; unset fields keep the defaults' (env e.g. {@code
 * RINGSTREAM_WALLBOARD_QUEUES_SALES_OLDEST_WAIT_RED_SECONDS=30}).
 */
@EachProperty("ringstream.wallboard.queues")
public class QueueThresholdSettings extends ThresholdSettings {
    private final String queue;

    public QueueThresholdSettings(@Parameter String queue) {
        super(QueueThresholds.NONE);
        this.queue = queue;
    }

    public String queue() {
        return queue;
    }
}
