package io.ringstream.routing.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.ringstream.clickhouse.ClickHouseCredentials;
import java.util.Map;

/**
 * Where routing-service reads today's queue figures, {@code ringstream.clickhouse.*} (env {@code
 * RINGSTREAM_CLICKHOUSE_URL}, {@code RINGSTREAM_CLICKHOUSE_USER}), default stated here once. The
 * password is no property: {@link #credentials(Map)} reads {@code RINGSTREAM_CLICKHOUSE_PASSWORD}
 * or its {@code _FILE} from the environment, so it never sits in the configuration Micronaut can
 * list.
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
    private String user;

    /** {@code url}: the JDBC URL of the database holding {@code queue_kpis}. */
    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /** {@code user}: the ClickHouse user; unset means the driver's default ({@code default}). */
    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    /**
     * The login: {@link #getUser()} (else {@code RINGSTREAM_CLICKHOUSE_USER} of {@code env}) and
     * the password {@code env} names; without either, the driver's password-less default user.
     *
     * @throws IllegalArgumentException when the password variables are misused (both set, an
     *     unreadable file); the message never holds the password
     */
    public ClickHouseCredentials credentials(Map<String, String> env) {
        return ClickHouseCredentials.from(env).withUser(user);
    }
}
