package io.ringstream.routing.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * Where routing-service finds Kafka, {@code ringstream.kafka.*} (env {@code
 * RINGSTREAM_KAFKA_BOOTSTRAP}). There is no default on purpose: without a bootstrap the service
 * still serves health and ClickHouse figures, and routing answers 503 naming the setting.
 */
@ConfigurationProperties(KafkaProperties.PREFIX)
public class KafkaProperties {
    public static final String PREFIX = "ringstream.kafka";

    /** The property that switches routing on; beans that need Kafka require it. */
    public static final String BOOTSTRAP = PREFIX + ".bootstrap";

    private String bootstrap;

    /** {@code bootstrap}: the brokers, e.g. {@code kafka:9092}; empty when routing is off. */
    public Optional<String> getBootstrap() {
        return Optional.ofNullable(bootstrap);
    }

    public void setBootstrap(@Nullable String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** The brokers, for beans that exist only when {@link #BOOTSTRAP} is set. */
    String requireBootstrap() {
        return getBootstrap()
                .orElseThrow(() -> new IllegalStateException(BOOTSTRAP + " is not set"));
    }
}
