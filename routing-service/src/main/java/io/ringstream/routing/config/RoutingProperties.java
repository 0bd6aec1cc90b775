package io.ringstream.routing.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * routing-service's own settings, {@code ringstream.routing.*}, each default stated here once. The
 * PBX-facing two are also read from the variables the README documents, {@code
 * RINGSTREAM_ROUTE_WAIT} and {@code RINGSTREAM_ROUTE_RETRY_AFTER} (see {@link EnvironmentAliases});
 * the others follow Micronaut's usual mapping, e.g. {@code RINGSTREAM_ROUTING_FEED_LOOKBACK}.
 * Durations take Micronaut's forms: {@code 500ms}, {@code 2s}, {@code 15m}.
 */
@ConfigurationProperties(RoutingProperties.PREFIX)
public class RoutingProperties {
    public static final String PREFIX = "ringstream.routing";

    /** Default of {@link #getRouteWait()}. */
    public static final Duration DEFAULT_ROUTE_WAIT = Duration.ofSeconds(2);

    /** Default of {@link #getRetryAfter()}. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    /** Default of {@link #getFeedLookback()}. */
    public static final Duration DEFAULT_FEED_LOOKBACK = Duration.ofMinutes(15);

    /** Default of {@link #getCallerIdentificationTimeout()}. */
    public static final Duration DEFAULT_CALLER_IDENTIFICATION_TIMEOUT = Duration.ofMillis(500);

    /** Default of {@link #getCustomerCardTimeout()}. */
    public static final Duration DEFAULT_CUSTOMER_CARD_TIMEOUT = Duration.ofSeconds(1);

    /** Default of {@link #getRecentAlerts()}. */
    public static final int DEFAULT_RECENT_ALERTS = 100;

    private Duration routeWait = DEFAULT_ROUTE_WAIT;
    private Duration retryAfter = DEFAULT_RETRY_AFTER;
    private Duration feedLookback = DEFAULT_FEED_LOOKBACK;
    private Duration callerIdentificationTimeout = DEFAULT_CALLER_IDENTIFICATION_TIMEOUT;
    private Duration customerCardTimeout = DEFAULT_CUSTOMER_CARD_TIMEOUT;
    private int recentAlerts = DEFAULT_RECENT_ALERTS;

    /**
     * {@code route-wait}: how long {@code POST /v1/route} waits for an offer before answering WAIT,
     * when the request names no {@code waitMillis}. Default 2 s.
     */
    public Duration getRouteWait() {
        return routeWait;
    }

    public void setRouteWait(Duration routeWait) {
        this.routeWait = routeWait;
    }

    /**
     * {@code retry-after}: how long a WAIT answer tells the PBX to wait before asking again (whole
     * seconds, at least 1). Default 5 s.
     */
    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    /**
     * {@code feed-lookback}: how far back the service re-reads assignments, status snapshots and
     * alerts on start, so pending offers and recent alerts reappear. Default 15 min.
     */
    public Duration getFeedLookback() {
        return feedLookback;
    }

    public void setFeedLookback(Duration feedLookback) {
        this.feedLookback = feedLookback;
    }

    /**
     * {@code caller-identification-timeout}: how long {@code POST /v1/route} waits for PostgreSQL
     * to say who is calling (a lookup, or creating an unknown caller) before routing the contact
     * without a customer. Default 500 ms.
     */
    public Duration getCallerIdentificationTimeout() {
        return callerIdentificationTimeout;
    }

    public void setCallerIdentificationTimeout(Duration callerIdentificationTimeout) {
        this.callerIdentificationTimeout = callerIdentificationTimeout;
    }

    /**
     * {@code customer-card-timeout}: how long an OFFERED assignment waits for each part of its
     * customer card (PostgreSQL, then ClickHouse's recent contacts) before going out without it.
     * Default 1 s.
     */
    public Duration getCustomerCardTimeout() {
        return customerCardTimeout;
    }

    public void setCustomerCardTimeout(Duration customerCardTimeout) {
        this.customerCardTimeout = customerCardTimeout;
    }

    /**
     * {@code recent-alerts}: how many recent supervisor alerts a new alert stream receives first.
     * Default 100.
     */
    public int getRecentAlerts() {
        return recentAlerts;
    }

    public void setRecentAlerts(int recentAlerts) {
        this.recentAlerts = recentAlerts;
    }
}
