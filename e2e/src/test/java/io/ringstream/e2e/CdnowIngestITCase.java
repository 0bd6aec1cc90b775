package io.ringstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.customers.value.bgnbd.BgNbdParameters;
import io.ringstream.customers.value.cdnow.Cdnow;
import io.ringstream.customers.value.gammagamma.GammaGammaParameters;
import io.ringstream.flink.conversion.ConversionJob;
import io.ringstream.flink.conversion.ConversionSettings;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.runtime.JobConfig;
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
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CDNOW benchmark enters Ringstream the way a booking system's data does: every purchase of the
 * 39-week calibration period is a booking through {@code POST /v1/business-events} on the real
 * routing-service (PostgreSQL, outbox to Kafka), with an INGEST client's token. The first booking
 * of each of the 2,357 sample customers creates it by its external id; sending some again books
 * nothing. The conversion job (Flink MiniCluster) reads the bookings from Kafka, and its refit
 * reproduces the published BG/NBD and Gamma-Gamma parameters to 2 significant digits.
 */
class CdnowIngestITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    /** Customers in {@code CDNOW_sample.txt} (its README); every one bought in the calibration. */
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
    void theCalibrationBookingsReproduceThePublishedFitsInTheConversionJob() throws Exception {
        JobClient job = startConversionJob();
        try {
            List<CdnowBookings.Booking> calibration =
                    CdnowBookings.bookings(CdnowBookings.dataDir(), Cdnow.CALIBRATION_END);

            CdnowBookings.Result loaded =
                    CdnowBookings.load(service.getURL().toString(), ingest, calibration, 4);

            assertThat(loaded.created()).isEqualTo(calibration.size());
            assertThat(loaded.customers()).hasSize(CUSTOMERS);
            assertThat(resolver().find(tenant, IdentityKind.EXTERNAL_ID, "cdnow:1"))
                    .isInstanceOf(IdentityMatch.One.class)
                    .extracting(m -> ((IdentityMatch.One) m).customerId().toString())
                    .isIn(loaded.customers());
            CdnowBookings.Result again =
                    CdnowBookings.load(
                            service.getURL().toString(), ingest, calibration.subList(0, 50), 2);
            assertThat(again.created()).isZero();
            assertThat(again.replayed()).isEqualTo(50);

            // Every purchase day of every customer has reached the job (through the outbox,
            // Kafka and the customer gate) once each customer's latest row counts all of them.
            long purchaseDays =
                    calibration.stream().map(b -> b.customer() + "@" + b.day()).distinct().count();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    CLICKHOUSE.queryLong(
                                                            "SELECT sum(days) FROM (SELECT"
                                                                    + " customer_id,"
                                                                    + " argMax(purchase_days,"
                                                                    + " version) AS days FROM"
                                                                    + " ringstream.customer_value"
                                                                    + " WHERE tenant = '"
                                                                    + tenant
                                                                    + "' GROUP BY customer_id)"))
                                            .isEqualTo(purchaseDays));
            // A refit follows the last booking within the refit interval, and none follows it
            // (no booking came since): the newest fit ends up being on all of the calibration data.
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(this::newestFitIsThePublishedOne);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private void newestFitIsThePublishedOne() {
        List<List<String>> fits =
                CLICKHOUSE.query(
                        "SELECT customers, repeat_customers, as_of, r, alpha, a, b, p, q, v FROM"
                                + " ringstream.customer_value_fits FINAL WHERE tenant = '"
                                + tenant
                                + "' ORDER BY fit_version DESC LIMIT 1");
        assertThat(fits).as("a fit of the tenant").isNotEmpty();
        List<String> fit = fits.get(0);
        assertThat(fit.subList(0, 3)).containsExactly("2357", "946", "1997-09-30");
        BgNbdParameters bg = Cdnow.PUBLISHED_BG_NBD;
        GammaGammaParameters gg = Cdnow.PUBLISHED_GAMMA_GAMMA;
        double[] published = {bg.r(), bg.alpha(), bg.a(), bg.b(), gg.p(), gg.q(), gg.v()};
        for (int i = 0; i < published.length; i++) {
            double fitted = Double.parseDouble(fit.get(3 + i));
            assertThat(Cdnow.agreeTo2SignificantDigits(fitted, published[i]))
                    .as("r, alpha, a, b, p, q, v [%d]: %s vs published %s", i, fitted, published[i])
                    .isTrue();
        }
    }

    private static CustomerResolver resolver() {
        return service.getApplicationContext().getBean(CustomerResolver.class);
    }

    /**
     * The conversion job on this test's broker and ClickHouse, refitting every 5 s (1 h in
     * production) so the test need not wait for the schedule.
     */
    private static JobClient startConversionJob() throws Exception {
        JobConfig<ConversionSettings> config =
                ConversionJob.DEFINITION
                        .defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                        .withConsumerGroup("e2e-conversions-" + UUID.randomUUID())
                        .withSettings(s -> s.withRefitInterval(Duration.ofSeconds(5)))
                        .withCheckpointInterval(Duration.ofSeconds(2))
                        .withSinkTuning(new SinkTuning(5_000, Duration.ofMillis(200), 3));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        return ConversionJob.DEFINITION.startLocal(config, env);
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
