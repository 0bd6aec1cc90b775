package io.ringstream.routing.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Where routing-service reads today's queue figures, {@code ringstream.clickhouse.*} (env {@code
 * RINGSTREAM_CLICKHOUSE_URL}), default stated here once.
 */
@ConfigurationProperties(ClickHouseProperties.PREFIX)
public class ClickHouseProperties {
    public static final String PREFIX = "ringstream.clickhouse";

    /**
     * Default of {@link #getUrl()}: the local server. The legacy driver needs {@code
     * compress=false} against ClickHouse 18.16.
     */
    public static final String DEFAULT_URL =
            "jdbc:clickhouse://127.0.0.1:8123/ringstream?compress=false";

    private String url = DEFAULT_URL;

    /** {@code url}: the JDBC URL of the database holding {@code queue_kpis}. */
    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }
}
