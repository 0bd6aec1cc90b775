package io.ringstream.clickhouse;

import io.ringstream.secrets.Secrets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import ru.yandex.clickhouse.settings.ClickHouseProperties;

/**
 * Who a Ringstream process logs in to ClickHouse as, kept apart from the JDBC URL because URLs get
 * logged and printed (job configs, error messages) and a password must never be.
 *
 * <p>Deployables read {@value #USER_VARIABLE} (absent: the driver's default user, {@code default})
 * and {@value #PASSWORD_VARIABLE} or {@value #PASSWORD_VARIABLE}{@code _FILE} through {@link
 * Secrets}. Local mode and tests use {@link #NONE}: their server listens on loopback only and has a
 * password-less user. {@link #toString()} names the user and whether a password is set, never the
 * password.
 */
public final class ClickHouseCredentials {
    /** The ClickHouse user; unset means the driver's default user. */
    public static final String USER_VARIABLE = "RINGSTREAM_CLICKHOUSE_USER";

    /** The ClickHouse password, or with {@code _FILE} a file holding it. */
    public static final String PASSWORD_VARIABLE = "RINGSTREAM_CLICKHOUSE_PASSWORD";

    /** The driver's default user without a password: local mode and tests. */
    public static final ClickHouseCredentials NONE = new ClickHouseCredentials(null, null);

    private final String user;
    private final String password;

    private ClickHouseCredentials(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /**
     * @param user the user, or null/blank for the driver's default
     * @param password the password, or null for none
     */
    public static ClickHouseCredentials of(String user, String password) {
        if (password != null && password.isEmpty()) {
            throw new IllegalArgumentException("the ClickHouse password is empty");
        }
        return new ClickHouseCredentials(blankToNull(user), password);
    }

    /** The credentials this process's environment names. */
    public static ClickHouseCredentials fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * The credentials {@code env} names: {@value #USER_VARIABLE}, and {@value #PASSWORD_VARIABLE}
     * or {@value #PASSWORD_VARIABLE}{@code _FILE}.
     *
     * @throws IllegalArgumentException when both password variables are set, the file cannot be
     *     read or the password is blank; the message never holds the password
     */
    public static ClickHouseCredentials from(Map<String, String> env) {
        String password = Secrets.from(env).optional(PASSWORD_VARIABLE).orElse(null);
        return new ClickHouseCredentials(blankToNull(env.get(USER_VARIABLE)), password);
    }

    /** These credentials with {@code other} as the user, unless it is null or blank. */
    public ClickHouseCredentials withUser(String other) {
        String name = blankToNull(other);
        return name == null ? this : new ClickHouseCredentials(name, password);
    }

    /** The user, or empty for the driver's default ({@code default}). */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public boolean hasPassword() {
        return password != null;
    }

    /** Sets the legacy driver's {@code user} and {@code password} properties, where given. */
    void applyTo(ClickHouseProperties properties) {
        if (user != null) {
            properties.setUser(user);
        }
        if (password != null) {
            properties.setPassword(password);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClickHouseCredentials other
                && Objects.equals(user, other.user)
                && Objects.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, password);
    }

    /** The user and whether a password is set; never the password. */
    @Override
    public String toString() {
        return "ClickHouse user "
                + (user == null ? "(driver default)" : user)
                + (password == null ? ", no password" : ", password set");
    }
}
