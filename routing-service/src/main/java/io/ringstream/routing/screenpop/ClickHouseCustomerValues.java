package io.ringstream.routing.screenpop;

import io.ringstream.clickhouse.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads the card's value and segment from ClickHouse {@code customer_value}: the customer's row of
 * its latest {@code as_of} day, {@code FINAL} so the job's latest version of that row wins. The
 * table's sorting key starts with (tenant, customer_id), so this is one index range. SQL valid on
 * 18.16 and current releases; {@code ClickHouseCustomerValuesITCase} runs it on the real server.
 */
public final class ClickHouseCustomerValues implements CustomerValues {
    static final String SQL =
            "SELECT toString(as_of), clv_12m, currency, segment, rfm FROM "
                    + Table.CUSTOMER_VALUE.qualifiedName()
                    + " FINAL WHERE tenant = ? AND customer_id = ? ORDER BY as_of DESC LIMIT 1";

    private final DataSource dataSource;

    public ClickHouseCustomerValues(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Value> latest(String tenant, String customerId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setString(1, tenant);
            statement.setString(2, customerId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                double clv = rs.getDouble(2);
                BigDecimal value =
                        rs.wasNull() || !Double.isFinite(clv)
                                ? null
                                : BigDecimal.valueOf(clv).setScale(2, RoundingMode.HALF_EVEN);
                return Optional.of(
                        new Value(
                                value,
                                emptyToNull(rs.getString(3)),
                                emptyToNull(rs.getString(4)),
                                emptyToNull(rs.getString(5)),
                                rs.getString(1)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the customer's value: " + e, e);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
