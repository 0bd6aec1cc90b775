package io.ringstream.routing.wallboard;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.ringstream.analytics.wallboard.QueueThresholds;

/**
 * {@code ringstream.wallboard.defaults.*}: the thresholds of every queue without its own, starting
 * from {@link QueueThresholds#DEFAULTS} (env e.g. {@code
 * RINGSTREAM_WALLBOARD_DEFAULTS_OLDEST_WAIT_RED_SECONDS=90}).
 */
@ConfigurationProperties("ringstream.wallboard.defaults")
public class DefaultThresholdSettings extends ThresholdSettings {
    public DefaultThresholdSettings() {
        super(QueueThresholds.DEFAULTS);
    }
}
