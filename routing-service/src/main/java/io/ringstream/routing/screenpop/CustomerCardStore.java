package io.ringstream.routing.screenpop;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.ringstream.routing.screenpop.CustomerCard.Candidate;
import io.ringstream.routing.screenpop.CustomerCard.OpenLead;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads the PostgreSQL part of a customer card: the customer's name and tier, its open leads, and
 * the candidates of an ambiguous number. Always within the tenant: another tenant's id finds
 * nothing.
 */
@Singleton
@Requires(beans = DataSource.class)
public class CustomerCardStore {
    /** At most this many open leads on a card. */
    static final int MAX_OPEN_LEADS = 10;

    private final JdbcOperations jdbc;

    public CustomerCardStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The card of a live customer of the tenant, without recent contacts; empty if none. */
    @Transactional(readOnly = true)
    public Optional<CustomerCard> card(String tenant, UUID customerId) {
        Optional<Candidate> customer = summaries(tenant, List.of(customerId)).stream().findFirst();
        return customer.map(
                c ->
                        CustomerCard.of(
                                c.customerId(),
                                c.displayName(),
                                c.tier(),
                                openLeads(tenant, customerId),
                                List.of(),
                                List.of()));
    }

    /** The card of an ambiguous number: no customer, the candidates in the order given. */
    @Transactional(readOnly = true)
    public CustomerCard candidates(String tenant, List<UUID> candidates) {
        return CustomerCard.of(
                null, null, null, List.of(), List.of(), summaries(tenant, candidates));
    }

    private List<Candidate> summaries(String tenant, List<UUID> ids) {
        List<Candidate> found =
                jdbc.prepareStatement(
                        "SELECT id, display_name, tier FROM customers"
                                + " WHERE tenant = ? AND id = ANY (?)",
                        statement -> {
                            statement.setString(1, tenant);
                            statement.setArray(
                                    2,
                                    statement
                                            .getConnection()
                                            .createArrayOf("uuid", ids.toArray(new UUID[0])));
                            List<Candidate> out = new ArrayList<>();
                            try (ResultSet rs = statement.executeQuery()) {
                                while (rs.next()) {
                                    out.add(
                                            new Candidate(
                                                    rs.getObject(1, UUID.class).toString(),
                                                    rs.getString(2),
                                                    rs.getString(3)));
                                }
                            }
                            return out;
                        });
        List<Candidate> ordered = new ArrayList<>();
        for (UUID id : ids) {
            found.stream()
                    .filter(c -> c.customerId().equals(id.toString()))
                    .findFirst()
                    .ifPresent(ordered::add);
        }
        return ordered;
    }

    /**
     * Stored as numeric(19,4); shown at the currency's minor-unit digits, as the model keeps it.
     */
    private static BigDecimal atCurrencyScale(BigDecimal value, String currency) {
        int digits = Currency.getInstance(currency.trim()).getDefaultFractionDigits();
        return value.setScale(Math.max(digits, 0), RoundingMode.HALF_EVEN);
    }

    private List<OpenLead> openLeads(String tenant, UUID customerId) {
        return jdbc.prepareStatement(
                "SELECT id, stage, value, currency FROM leads"
                        + " WHERE tenant = ? AND customer_id = ?"
                        + " AND stage IN ('NEW', 'CONTACTED', 'QUALIFIED', 'QUOTED')"
                        + " ORDER BY created_at DESC, id LIMIT "
                        + MAX_OPEN_LEADS,
                statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, customerId);
                    List<OpenLead> out = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            String currency = rs.getString(4);
                            BigDecimal value = rs.getBigDecimal(3);
                            out.add(
                                    new OpenLead(
                                            rs.getObject(1, UUID.class).toString(),
                                            rs.getString(2),
                                            value == null ? null : atCurrencyScale(value, currency),
                                            currency == null ? null : currency.trim()));
                        }
                    }
                    return out;
                });
    }
}
