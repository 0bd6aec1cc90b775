package io.ringstream.routing.screenpop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.testkit.ClickHouseExtension;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The card's value reader against a real clickhouse-server (18.16): the row of the customer's
 * latest {@code as_of} day, in its latest version, value to the cent; nothing for a customer
 * without rows or for another tenant's rows; a row written before the first fit has no value.
 */
class ClickHouseCustomerValuesITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private final String tenant = "value-" + UUID.randomUUID().toString().substring(0, 8);
    private final String ana = UUID.randomUUID().toString();
    private final CustomerValues values =
            new ClickHouseCustomerValues(CLICKHOUSE.jdbc().dataSource());

    @Test
    void theLatestDayInItsLatestVersion() {
        row(tenant, ana, "2026-11-01", "Potential Loyalists", "343", "80.0", 1);
        row(tenant, ana, "2026-11-30", "Loyal", "444", "120.0", 2);
        row(tenant, ana, "2026-11-30", "Champions", "545", "152.404", 3);
        row(tenant, ana, "2026-10-01", "New Customers", "511", "10.0", 4);

        assertThat(values.latest(tenant, ana))
                .contains(
                        new CustomerValues.Value(
                                new java.math.BigDecimal("152.40"),
                                "EUR",
                                "Champions",
                                "545",
                                "2026-11-30"));
    }

    @Test
    void noRowsNoValueAndOtherTenantsRowsAreNotSeen() {
        row("other-" + tenant, ana, "2026-11-30", "Champions", "545", "152.4", 1);

        assertThat(values.latest(tenant, ana)).isEmpty();
    }

    @Test
    void beforeTheFirstFitTheSegmentComesWithoutAValue() {
        row(tenant, ana, "2026-11-30", "New Customers", "511", "NULL", 1);

        Optional<CustomerValues.Value> value = values.latest(tenant, ana);

        assertThat(value).isPresent();
        assertThat(value.get().lifetimeValue()).isNull();
        assertThat(value.get().segment()).isEqualTo("New Customers");
    }

    private static void row(
            String tenant,
            String customer,
            String asOf,
            String segment,
            String rfm,
            String clv,
            int version) {
        CustomerValueRows.insert(CLICKHOUSE, tenant, customer, asOf, segment, rfm, clv, version);
    }
}
