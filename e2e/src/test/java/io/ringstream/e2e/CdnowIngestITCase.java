package io.ringstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.customers.value.cdnow.Cdnow;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.customers.IdentityMatch;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.KafkaExtension;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CDNOW benchmark enters Ringstream the way a booking system's data does: every purchase is a
 * booking through {@code POST /v1/business-events} on the real routing-service (PostgreSQL, outbox
 * to Kafka), with an INGEST client's token. All 6,919 purchases are accepted and the first booking
 * of each of the 2,357 sample customers creates it by its external id; sending some again books
 * nothing. The conversion job's part (customer value from these bookings) continues from here.
 */
class CdnowIngestITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    /** Purchases and customers in {@code CDNOW_sample.txt} (its README). */
    static final int PURCHASES = 6_919;

    static final int CUSTOMERS = 2_357;

    private static EmbeddedServer service;

    private final String tenant = "cdnow-" + UUID.randomUUID().toString().substring(0, 8);
    private final String ingest =
            RoutingStack.tokens()
                    .issue(Caller.of("cdnow-loader", tenant, Role.INGEST), Duration.ofHours(1));

    @BeforeAll
    static void startService() {
        service = RoutingStack.startService(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl());
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyPurchaseIsAcceptedAsABookingAndEveryCustomerCreatedOnce() throws Exception {
        List<CdnowBookings.Booking> bookings =
                CdnowBookings.bookings(CdnowBookings.dataDir(), Cdnow.HOLDOUT_END);
        assertThat(bookings).hasSize(PURCHASES);

        CdnowBookings.Result loaded =
                CdnowBookings.load(service.getURL().toString(), ingest, bookings, 4);

        assertThat(loaded.created()).isEqualTo(PURCHASES);
        assertThat(loaded.replayed()).isZero();
        assertThat(loaded.customers()).hasSize(CUSTOMERS);
        CustomerResolver customers =
                service.getApplicationContext().getBean(CustomerResolver.class);
        assertThat(customers.find(tenant, IdentityKind.EXTERNAL_ID, "cdnow:1"))
                .isInstanceOf(IdentityMatch.One.class)
                .extracting(m -> ((IdentityMatch.One) m).customerId().toString())
                .isIn(loaded.customers());

        CdnowBookings.Result again =
                CdnowBookings.load(service.getURL().toString(), ingest, bookings.subList(0, 50), 2);
        assertThat(again.created()).isZero();
        assertThat(again.replayed()).isEqualTo(50);
    }

    @Test
    void theCalibrationPeriodIsAPrefixOfEachCustomersPurchases() {
        List<CdnowBookings.Booking> calibration =
                CdnowBookings.bookings(CdnowBookings.dataDir(), Cdnow.CALIBRATION_END);

        assertThat(calibration)
                .isNotEmpty()
                .allSatisfy(b -> assertThat(b.day()).isBefore(LocalDate.of(1997, 10, 1)));
        assertThat(calibration.stream().map(CdnowBookings.Booking::customer).distinct().count())
                .isEqualTo(CUSTOMERS);
    }
}
