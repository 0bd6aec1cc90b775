package io.ringstream.routing.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ringstream.routing.security.TestTokens;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer API over HTTP on a real server and database: create, read, update with If-Match,
 * identities, search and its pages, and the answers to bad input (malformed JSON, oversized bodies,
 * invalid phones, stale versions, unknown ids, another tenant's customers).
 */
@MicronautTest
class CustomerApiTest {
    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    ApiCalls api;
    String tenant;
    String agent;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(server.getURL(), json);
        tenant = "t-" + UUID.randomUUID();
        agent = TestTokens.agent(tenant, "1001");
        api.call(
                        "PUT",
                        "/v1/admin/customer-settings",
                        TestTokens.admin(tenant),
                        "{\"defaultRegion\":\"es\"}")
                .ok(200);
    }

    @Test
    void aCreatedCustomerHasALocationAnETagAndNormalisedIdentities() {
        ApiCalls.Answer created =
                api.call(
                                "POST",
                                "/v1/customers",
                                agent,
                                "{\"displayName\":\" Ana García \",\"tier\":\"Gold\","
                                        + "\"consents\":{\"marketing\":\"denied\"},"
                                        + "\"tags\":[\"VIP\"],\"attributes\":{\"hotel\":\"Sol\"},"
                                        + "\"identities\":[{\"kind\":\"PHONE\",\"value\":\"612 34 56 78\","
                                        + "\"primary\":true},{\"kind\":\"EMAIL\",\"value\":\"Ana@Example.COM\"}]}")
                        .ok(201);

        assertThat(created.header("Location")).isEqualTo("/v1/customers/" + created.id());
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        ApiCalls.Answer read =
                api.call("GET", "/v1/customers/" + created.id(), agent, null).ok(200);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.body())
                .containsEntry("displayName", "Ana García")
                .containsEntry("tier", "gold")
                .containsEntry("tags", List.of("vip"))
                .containsEntry("attributes", Map.of("hotel", "Sol"));
        assertThat(read.body().get("identities").toString())
                .contains("value=+34612345678", "raw=612 34 56 78", "value=ana@example.com");
        assertThat(((Map<?, ?>) read.body().get("consents")).get("marketing")).isEqualTo("DENIED");
    }

    @Test
    void anUpdateNeedsTheCurrentVersionInIfMatch() {
        String id = create("{\"displayName\":\"Ana\"}");
        String path = "/v1/customers/" + id;

        api.call("PUT", path, agent, "{\"displayName\":\"Ana B\"}").problem(428);
        api.call("PUT", path, agent, "{\"displayName\":\"Ana B\"}", "If-Match", "\"7\"")
                .problem(412);
        api.call("PUT", path, agent, "{\"displayName\":\"Ana B\"}", "If-Match", "nonsense")
                .problem(400);
        ApiCalls.Answer updated =
                api.call("PUT", path, agent, "{\"displayName\":\"Ana B\"}", "If-Match", "\"1\"")
                        .ok(200);

        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        assertThat(updated.body()).containsEntry("displayName", "Ana B");
        api.call("PUT", path, agent, "{\"displayName\":\"Ana C\"}", "If-Match", "\"1\"")
                .problem(412);
    }

    @Test
    void badInputIsAProblemNeverA500() {
        assertThat(api.call("POST", "/v1/customers", agent, "{\"displayName\": ").problem(400))
                .isNotBlank();
        api.call("POST", "/v1/customers", agent, "[1,2]").problem(400);
        api.call(
                        "POST",
                        "/v1/customers",
                        agent,
                        "{\"displayName\":\"" + "x".repeat(2_000_000) + "\"}")
                .problem(413);
        assertThat(
                        api.call(
                                        "POST",
                                        "/v1/customers",
                                        agent,
                                        "{\"identities\":[{\"kind\":\"PHONE\",\"value\":\"12\"}]}")
                                .problem(422))
                .startsWith("TOO_SHORT");
        assertThat(
                        api.call(
                                        "POST",
                                        "/v1/customers",
                                        agent,
                                        "{\"identities\":[{\"kind\":\"FAX\",\"value\":\"12\"}]}")
                                .problem(422))
                .contains("kind is");
        assertThat(
                        api.call(
                                        "POST",
                                        "/v1/customers",
                                        agent,
                                        "{\"displayName\":\""
                                                + "x".repeat(201)
                                                + "\",\"tier\":\"a b\","
                                                + "\"consents\":{\"phone\":\"MAYBE\"}}")
                                .problem(422))
                .contains("displayName", "tier", "consents.phone");
        api.call("GET", "/v1/customers/" + UUID.randomUUID(), agent, null).problem(404);
        api.call("GET", "/v1/customers/not-a-uuid", agent, null).problem(404);
        api.call("GET", "/v1/customers?limit=101", agent, null).problem(400);
        api.call("GET", "/v1/customers?cursor=bm90LWEtY3Vyc29y", agent, null).problem(400);
        api.call("GET", "/v1/customers?phone=abc", agent, null).problem(422);
        api.call("GET", "/v1/customers?name=a&email=b@c.es", agent, null).problem(400);
    }

    @Test
    void anIdentityHeldByAnotherCustomerIsAConflictOnlyWithinTheTenant() {
        String ana = create("{\"identities\":[{\"kind\":\"PHONE\",\"value\":\"+34612345678\"}]}");
        String bea = create("{\"displayName\":\"Bea\"}");

        String detail =
                api.call(
                                "POST",
                                "/v1/customers",
                                agent,
                                "{\"identities\":[{\"kind\":\"PHONE\",\"value\":\"0034 612 345 678\"}]}")
                        .problem(409);
        assertThat(detail).contains("PHONE:+34612345678").doesNotContain(ana);
        api.call(
                        "POST",
                        "/v1/customers/" + bea + "/identities",
                        agent,
                        "{\"kind\":\"PHONE\",\"value\":\"612345678\"}")
                .problem(409);
        String other = "t-" + UUID.randomUUID();
        api.call(
                        "POST",
                        "/v1/customers",
                        TestTokens.agent(other, "1001"),
                        "{\"identities\":[{\"kind\":\"PHONE\",\"value\":\"+34612345678\"}]}")
                .ok(201);
    }

    @Test
    void identitiesAreAddedAndRemovedInAnyFormatAndBumpTheVersion() {
        String id = create("{\"displayName\":\"Ana\"}");
        String path = "/v1/customers/" + id;

        api.call("POST", path + "/identities", agent, "{\"kind\":\"PHONE\",\"value\":\"12\"}")
                .problem(422);
        ApiCalls.Answer added =
                api.call(
                                "POST",
                                path + "/identities",
                                agent,
                                "{\"kind\":\"WHATSAPP\",\"value\":\"34612345678\"}",
                                "If-Match",
                                "\"1\"")
                        .ok(200);
        assertThat(added.header("ETag")).isEqualTo("\"2\"");
        api.call("GET", "/v1/customers?phone=612%20345%20678", agent, null)
                .ok(200)
                .body()
                .get("items")
                .toString()
                .contains(id);

        api.call(
                        "DELETE",
                        path + "/identities/WHATSAPP/%2B34612345678",
                        agent,
                        null,
                        "If-Match",
                        "\"1\"")
                .problem(412);
        ApiCalls.Answer removed =
                api.call("DELETE", path + "/identities/whatsapp/612345678", agent, null).ok(200);
        assertThat(removed.header("ETag")).isEqualTo("\"3\"");
        assertThat((List<?>) removed.body().get("identities")).isEmpty();
        api.call("DELETE", path + "/identities/WHATSAPP/612345678", agent, null).problem(404);
    }

    @Test
    void searchFindsByNamePrefixPhoneEmailAndExternalIdInPages() {
        List<String> anas = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            anas.add(create("{\"displayName\":\"Ana " + i + "\"}"));
        }
        create("{\"displayName\":\"Bea\"}");
        String withIds =
                create(
                        "{\"displayName\":\"Carla\",\"identities\":["
                                + "{\"kind\":\"EMAIL\",\"value\":\"carla@x.es\"},"
                                + "{\"kind\":\"EXTERNAL_ID\",\"value\":\"Booking:AB-1\"},"
                                + "{\"kind\":\"PHONE\",\"value\":\"+34 699 11 22 33\"}]}");

        List<Object> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page =
                    api.call(
                                    "GET",
                                    "/v1/customers?name=aN&limit=2"
                                            + (cursor == null ? "" : "&cursor=" + cursor),
                                    agent,
                                    null)
                            .ok(200)
                            .body();
            ((List<?>) page.get("items"))
                    .forEach(item -> names.add(((Map<?, ?>) item).get("displayName")));
            cursor = (String) page.get("next");
            pages++;
        } while (cursor != null);
        assertThat(names).containsExactly("Ana 0", "Ana 1", "Ana 2", "Ana 3", "Ana 4");
        assertThat(pages).isEqualTo(3);

        for (String query :
                List.of("phone=699112233", "email=CARLA@x.es", "externalId=booking:AB-1")) {
            List<?> items =
                    (List<?>)
                            api.call("GET", "/v1/customers?" + query, agent, null)
                                    .ok(200)
                                    .body()
                                    .get("items");
            assertThat(items).as(query).hasSize(1);
            assertThat(((Map<?, ?>) items.get(0)).get("id")).isEqualTo(withIds);
        }
        assertThat(
                        (List<?>)
                                api.call("GET", "/v1/customers", agent, null)
                                        .ok(200)
                                        .body()
                                        .get("items"))
                .hasSize(7);
        assertThat(
                        (List<?>)
                                api.call(
                                                "GET",
                                                "/v1/customers?name=ana",
                                                TestTokens.agent("t-" + UUID.randomUUID(), "1"),
                                                null)
                                        .ok(200)
                                        .body()
                                        .get("items"))
                .isEmpty();
    }

    @Test
    void anotherTenantsCustomerIsNotFoundOnEveryRoute() {
        String id =
                create(
                        "{\"displayName\":\"Ana\",\"identities\":[{\"kind\":\"EMAIL\",\"value\":\"a@x.es\"}]}");
        String mine = create("{\"displayName\":\"Mine\"}");
        String other = "t-" + UUID.randomUUID();
        String stranger = TestTokens.supervisor(other);
        String strangerAdmin = TestTokens.admin(other);
        String own = api.call("POST", "/v1/customers", stranger, "{}").ok(201).id();
        String path = "/v1/customers/" + id;

        api.call("GET", path, stranger, null).problem(404);
        api.call("PUT", path, stranger, "{}", "If-Match", "\"1\"").problem(404);
        api.call(
                        "POST",
                        path + "/identities",
                        stranger,
                        "{\"kind\":\"EMAIL\",\"value\":\"z@x.es\"}")
                .problem(404);
        api.call("DELETE", path + "/identities/EMAIL/a@x.es", stranger, null).problem(404);
        api.call("POST", path + "/merge", stranger, "{\"mergedId\":\"" + own + "\"}").problem(404);
        api.call(
                        "POST",
                        "/v1/customers/" + own + "/merge",
                        stranger,
                        "{\"mergedId\":\"" + id + "\"}")
                .problem(404);
        api.call("POST", path + "/erasure", strangerAdmin, null).problem(404);
        assertThat(api.call("GET", "/v1/customers/" + mine, agent, null).ok(200).body())
                .containsEntry("displayName", "Mine");
        assertThat(api.call("GET", path, agent, null).ok(200).body()).containsEntry("version", 1);
    }

    @Test
    void customerSettingsTakeARegionWithANumberingPlanOnly() {
        String admin = TestTokens.admin(tenant);
        api.call("PUT", "/v1/admin/customer-settings", admin, "{\"defaultRegion\":\"XX\"}")
                .problem(422);
        api.call("PUT", "/v1/admin/customer-settings", admin, "{\"defaultRegion\":\"Spain\"}")
                .problem(422);
        assertThat(
                        api.call(
                                        "PUT",
                                        "/v1/admin/customer-settings",
                                        admin,
                                        "{\"defaultRegion\":\"gb\",\"createUnknownCallers\":false}")
                                .ok(200)
                                .body())
                .containsEntry("defaultRegion", "GB")
                .containsEntry("createUnknownCallers", false);
        assertThat(api.call("GET", "/v1/admin/customer-settings", admin, null).ok(200).body())
                .containsEntry("defaultRegion", "GB");
        assertThat(
                        api.call(
                                        "GET",
                                        "/v1/admin/customer-settings",
                                        TestTokens.admin("t-" + UUID.randomUUID()),
                                        null)
                                .ok(200)
                                .body())
                .containsEntry("defaultRegion", null)
                .containsEntry("createUnknownCallers", true);
        String id = create("{\"identities\":[{\"kind\":\"PHONE\",\"value\":\"07911 123456\"}]}");
        assertThat(
                        api.call("GET", "/v1/customers/" + id, agent, null)
                                .body()
                                .get("identities")
                                .toString())
                .contains("+447911123456");
    }

    private String create(String body) {
        return api.call("POST", "/v1/customers", agent, body).ok(201).id();
    }
}
