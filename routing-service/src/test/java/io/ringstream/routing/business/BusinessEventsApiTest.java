package io.ringstream.routing.business;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.customers.IdentityMatch;
import io.ringstream.routing.leads.ApiClient;
import io.ringstream.routing.leads.ApiClient.Answer;
import io.ringstream.routing.leads.Rows;
import io.ringstream.routing.security.TestTokens;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/business-events} over the real server and PostgreSQL: bookings and payments are
 * stored and published once per idempotency key, whatever the number of replays and however
 * concurrent; lead events create and move leads by the stage rule; bad input is a problem before
 * anything is written.
 */
@MicronautTest(transactional = false)
class BusinessEventsApiTest {
    private static final String PATH = "/v1/business-events";

    @Inject EmbeddedServer server;
    @Inject CustomerResolver resolver;
    @Inject TransactionOperations<Connection> transactions;
    @Inject JdbcOperations jdbc;

    private ApiClient api;
    private Rows rows;
    private String tenant;
    private String ingest;
    private ExecutorService threads;

    @BeforeEach
    void setUp() {
        api = new ApiClient(server.getURL());
        rows = new Rows(transactions, jdbc);
        tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        ingest = TestTokens.of(Caller.of("booking-system", tenant, Role.INGEST));
    }

    @AfterEach
    void tearDown() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    private Answer report(String key, String body) {
        return report(ingest, key, body);
    }

    private Answer report(String token, String key, String body) {
        return key == null
                ? api.post(token, PATH, body)
                : api.post(token, PATH, body, "Idempotency-Key", key);
    }

    private UUID customer(String tenant, String email) {
        IdentityMatch match =
                resolver.findOrCreate(tenant, IdentityKind.EMAIL, email, "test", null);
        return ((IdentityMatch.Created) match).customerId();
    }

    private static String booking(String identity, String amount, String currency) {
        return "{\"type\":\"BOOKING_MADE\",\"identity\":"
                + identity
                + ",\"amount\":\""
                + amount
                + "\",\"currency\":\""
                + currency
                + "\"}";
    }

    private static final String BOOKING_REF =
            "{\"kind\":\"EXTERNAL_ID\",\"value\":\"Booking:AB-123\"}";

    @Nested
    class Bookings {
        @Test
        void aBookingForAnUnknownIdentityCreatesTheCustomerAndIsPublishedInMinorUnits() {
            Answer first = report("k-1", booking(BOOKING_REF, "120.5", "eur"));

            assertThat(first.status()).as("%s", first).isEqualTo(201);
            JsonNode accepted = first.json();
            assertThat(accepted.get("replayed").asBoolean()).isFalse();
            assertThat(accepted.get("eventId").asText())
                    .isEqualTo(BusinessEventService.eventIdOf(tenant, "k-1"));
            String customer = accepted.get("customerId").asText();
            assertThat(resolver.find(tenant, IdentityKind.EXTERNAL_ID, "booking:AB-123"))
                    .isEqualTo(new IdentityMatch.One(UUID.fromString(customer)));
            List<BusinessEvent> events = rows.businessEvents(tenant);
            assertThat(events).hasSize(1);
            BusinessEvent event = events.get(0);
            assertThat(event.type()).isEqualTo(BusinessEventType.BOOKING_MADE);
            assertThat(event.eventId()).isEqualTo(accepted.get("eventId").asText());
            assertThat(event.customerId()).isEqualTo(customer);
            assertThat(event.amountMinor()).isEqualTo(12_050L);
            assertThat(event.currency()).isEqualTo("EUR");
            assertThat(rows.count("business_events", tenant)).isEqualTo(1);
        }

        @Test
        void aReplayAnswersTheFirstAnswerAndPublishesNothing() {
            Answer first =
                    report(
                            "k-2",
                            "{\"type\":\"PAYMENT_COMPLETED\",\"identity\":"
                                    + BOOKING_REF
                                    + ",\"amount\":\"99\",\"currency\":\"EUR\","
                                    + "\"occurredAt\":\"2026-12-01T10:00:00Z\"}");
            // The same request, written differently: field order, 99.00 for 99.
            Answer replay =
                    report(
                            "k-2",
                            "{\"currency\":\"EUR\",\"amount\":\"99.00\","
                                    + "\"occurredAt\":\"2026-12-01T10:00:00Z\","
                                    + "\"identity\":"
                                    + BOOKING_REF
                                    + ",\"type\":\"PAYMENT_COMPLETED\"}");

            assertThat(first.status()).as("%s", first).isEqualTo(201);
            assertThat(replay.status()).as("%s", replay).isEqualTo(200);
            assertThat(replay.json().get("replayed").asBoolean()).isTrue();
            assertThat(replay.json().get("eventId")).isEqualTo(first.json().get("eventId"));
            assertThat(replay.json().get("customerId")).isEqualTo(first.json().get("customerId"));
            assertThat(rows.businessEvents(tenant)).hasSize(1);
            assertThat(rows.count("business_events", tenant)).isEqualTo(1);
            assertThat(rows.businessEvents(tenant).get(0).eventTime())
                    .isEqualTo(Instant.parse("2026-12-01T10:00:00Z").toEpochMilli());
        }

        @Test
        void theSameKeyWithAnotherRequestIs422() {
            assertThat(report("k-3", booking(BOOKING_REF, "10", "EUR")).status()).isEqualTo(201);

            Answer reused = report("k-3", booking(BOOKING_REF, "11", "EUR"));

            assertThat(reused.status()).isEqualTo(422);
            assertThat(reused.problem()).isEqualTo("idempotency-key-reused");
            assertThat(rows.businessEvents(tenant)).hasSize(1);
        }

        @Test
        void concurrentReplaysOfOneKeyRecordAndPublishOnce() throws Exception {
            int senders = 8;
            threads = Executors.newFixedThreadPool(senders);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                answers.add(
                        threads.submit(
                                () -> {
                                    start.await();
                                    return report(
                                            "k-race",
                                            booking(
                                                    "{\"kind\":\"PHONE\",\"value\":\"+34 612 345 678\"}",
                                                    "50",
                                                    "EUR"));
                                }));
            }
            start.countDown();

            List<Integer> statuses = new ArrayList<>();
            List<String> customers = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                Answer a = answer.get(60, TimeUnit.SECONDS);
                statuses.add(a.status());
                customers.add(a.json().get("customerId").asText());
            }
            assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
            assertThat(customers).containsOnly(customers.get(0));
            assertThat(rows.count("business_events", tenant)).isEqualTo(1);
            assertThat(rows.businessEvents(tenant)).hasSize(1);
            assertThat(rows.count("customers", tenant)).isEqualTo(1);
        }

        @Test
        void moneyMustBeANonNegativeDecimalOfAnIso4217CurrencyAtItsScale() {
            for (String[] bad :
                    new String[][] {
                        {"-1", "EUR", "amount is not negative"},
                        {"1e3", "EUR", "not a plain decimal"},
                        {"10", "EURO", "ISO 4217"},
                        {"10", "ABC", "ISO 4217"},
                        {"1.5", "JPY", "at most 0 decimals in JPY"},
                        {"1.005", "EUR", "at most 2 decimals in EUR"}
                    }) {
                Answer answer =
                        report("k-" + bad[0] + bad[1], booking(BOOKING_REF, bad[0], bad[1]));
                assertThat(answer.status()).as("%s", answer).isEqualTo(400);
                assertThat(answer.json().get("detail").asText()).contains(bad[2]);
            }
            Answer noAmount =
                    report(
                            "k-none",
                            "{\"type\":\"BOOKING_MADE\",\"identity\":" + BOOKING_REF + "}");
            assertThat(noAmount.status()).isEqualTo(400);
            assertThat(noAmount.json().get("detail").asText())
                    .contains("BOOKING_MADE needs amount and currency");
            assertThat(rows.count("customers", tenant)).isZero();
            assertThat(rows.businessEvents(tenant)).isEmpty();
        }

        @Test
        void aBookingInYenHasNoMinorDigits() {
            assertThat(report("k-yen", booking(BOOKING_REF, "15000", "JPY")).status())
                    .isEqualTo(201);
            assertThat(rows.businessEvents(tenant).get(0).amountMinor()).isEqualTo(15_000L);
        }
    }

    @Nested
    class Refusals {
        @Test
        void withoutAnIdempotencyKeyIs400() {
            Answer answer = report(null, booking(BOOKING_REF, "1", "EUR"));
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.problem()).isEqualTo("idempotency-key-required");
            assertThat(report("has space", booking(BOOKING_REF, "1", "EUR")).status())
                    .isEqualTo(400);
        }

        @Test
        void malformedJsonAndMissingFieldsAre400() {
            Answer malformed = report("k-m", "{\"type\":");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
            assertThat(report("k-t", "{\"type\":\"REFUND\",\"customerId\":\"x\"}").status())
                    .isEqualTo(400);
            Answer both =
                    report(
                            "k-b",
                            "{\"type\":\"BOOKING_MADE\",\"amount\":\"1\",\"currency\":\"EUR\"}");
            assertThat(both.status()).isEqualTo(400);
            assertThat(both.json().get("detail").asText())
                    .contains("exactly one of customerId and identity");
            Answer phone =
                    report("k-p", booking("{\"kind\":\"PHONE\",\"value\":\"12\"}", "1", "EUR"));
            assertThat(phone.status()).isEqualTo(400);
            assertThat(phone.problem()).isEqualTo("invalid-identity");
        }

        @Test
        void anUnknownOrForeignCustomerIs404() {
            UUID foreign = customer("other-" + tenant, "ana@example.com");
            for (UUID id : List.of(UUID.randomUUID(), foreign)) {
                Answer answer =
                        report(
                                "k-" + id,
                                "{\"type\":\"BOOKING_MADE\",\"customerId\":\""
                                        + id
                                        + "\",\"amount\":\"1\",\"currency\":\"EUR\"}");
                assertThat(answer.status()).as("%s", answer).isEqualTo(404);
                assertThat(answer.problem()).isEqualTo("unknown-customer");
            }
            assertThat(rows.count("business_events", "other-" + tenant)).isZero();
        }

        @Test
        void anIdentityOfSeveralCustomersIs409ListingOnlyThem() {
            UUID byPhone =
                    ((IdentityMatch.Created)
                                    resolver.findOrCreate(
                                            tenant,
                                            IdentityKind.PHONE,
                                            "+34 612 000 111",
                                            "t",
                                            null))
                            .customerId();
            UUID byWhatsapp = customer(tenant, "wa@example.com");
            transactions.executeWrite(
                    status ->
                            jdbc.prepareStatement(
                                    "INSERT INTO customer_identities (tenant, kind, value,"
                                            + " customer_id, raw, created_at) VALUES (?, 'WHATSAPP',"
                                            + " '+34612000111', ?, '34612000111', now())",
                                    statement -> {
                                        statement.setString(1, tenant);
                                        statement.setObject(2, byWhatsapp);
                                        return statement.executeUpdate();
                                    }));

            Answer answer =
                    report(
                            "k-many",
                            booking("{\"kind\":\"PHONE\",\"value\":\"+34612000111\"}", "1", "EUR"));

            assertThat(answer.status()).as("%s", answer).isEqualTo(409);
            assertThat(answer.problem()).isEqualTo("ambiguous-identity");
            assertThat(answer.json().get("detail").asText())
                    .contains(byPhone.toString())
                    .contains(byWhatsapp.toString());
            assertThat(rows.businessEvents(tenant)).isEmpty();
        }

        @Test
        void aPbxClientMayNotReportButAnAdminMay() {
            Answer pbx = report(TestTokens.pbx(tenant), "k-pbx", booking(BOOKING_REF, "1", "EUR"));
            assertThat(pbx.status()).isEqualTo(403);
            Answer admin =
                    report(TestTokens.admin(tenant), "k-admin", booking(BOOKING_REF, "1", "EUR"));
            assertThat(admin.status()).isEqualTo(201);
        }
    }

    @Nested
    class Leads {
        private String lead(String key, String customer) {
            Answer created =
                    report(
                            key,
                            "{\"type\":\"LEAD_CREATED\",\"customerId\":\""
                                    + customer
                                    + "\",\"sourceChannel\":\"web-form\",\"campaign\":\"spring\"}");
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            return created.json().get("leadId").asText();
        }

        @Test
        void leadEventsCreateAndMoveLeadsAndABookingAndPaymentWinIt() {
            String customer = customer(tenant, "ana@example.com").toString();
            String lead = lead("l-1", customer);

            Answer quoted =
                    report(
                            "l-2",
                            "{\"type\":\"STAGE_CHANGED\",\"customerId\":\""
                                    + customer
                                    + "\",\"leadId\":\""
                                    + lead
                                    + "\",\"stage\":\"QUOTED\"}");
            assertThat(quoted.status()).as("%s", quoted).isEqualTo(201);
            String bookingBody =
                    "{\"type\":\"BOOKING_MADE\",\"customerId\":\""
                            + customer
                            + "\",\"leadId\":\""
                            + lead
                            + "\",\"amount\":\"300\",\"currency\":\"EUR\"}";
            assertThat(report("l-3", bookingBody).status()).isEqualTo(201);
            assertThat(report("l-3", bookingBody).status()).isEqualTo(200);
            assertThat(
                            report("l-4", bookingBody.replace("BOOKING_MADE", "PAYMENT_COMPLETED"))
                                    .status())
                    .isEqualTo(201);

            assertThat(rows.stageChanges(tenant, lead))
                    .containsExactly(">NEW", "NEW>QUOTED", "QUOTED>BOOKED", "BOOKED>PAID");
            assertThat(rows.businessEvents(tenant))
                    .extracting(e -> e.type() + ":" + e.stage())
                    .containsExactly(
                            "LEAD_CREATED:NEW",
                            "STAGE_CHANGED:QUOTED",
                            "BOOKING_MADE:null",
                            "STAGE_CHANGED:BOOKED",
                            "PAYMENT_COMPLETED:null",
                            "STAGE_CHANGED:PAID");
            assertThat(rows.businessEvents(tenant))
                    .extracting(BusinessEvent::eventId)
                    .doesNotHaveDuplicates();
        }

        @Test
        void anIllegalMoveIs409AndAnotherCustomersLeadIs422() {
            String ana = customer(tenant, "ana@example.com").toString();
            String bob = customer(tenant, "bob@example.com").toString();
            String lead = lead("l-a", ana);
            String lost =
                    "{\"type\":\"STAGE_CHANGED\",\"customerId\":\""
                            + ana
                            + "\",\"leadId\":\""
                            + lead
                            + "\",\"stage\":\"LOST\",\"attributes\":{\"lostReason\":\"no\"}}";
            assertThat(report("l-b", lost).status()).isEqualTo(201);

            Answer again =
                    report(
                            "l-c",
                            lost.replace("\"LOST\"", "\"BOOKED\"")
                                    .replace(",\"attributes\":{\"lostReason\":\"no\"}", ""));
            assertThat(again.status()).as("%s", again).isEqualTo(409);
            assertThat(again.problem()).isEqualTo("illegal-stage-change");
            Answer foreign = report("l-d", lost.replace(ana, bob));
            assertThat(foreign.status()).isEqualTo(422);
            assertThat(foreign.problem()).isEqualTo("lead-of-another-customer");
            Answer unknown = report("l-e", lost.replace(lead, UUID.randomUUID().toString()));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(rows.stageChanges(tenant, lead)).containsExactly(">NEW", "NEW>LOST");
            assertThat(rows.count("business_events", tenant)).isEqualTo(2);
        }
    }
}
