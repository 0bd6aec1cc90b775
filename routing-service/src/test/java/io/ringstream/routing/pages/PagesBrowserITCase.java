package io.ringstream.routing.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommandType;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.customers.IdentityMatch;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.kafka.RecordingCommandSink;
import io.ringstream.routing.live.Assignments;
import io.ringstream.routing.live.RoutingView;
import io.ringstream.routing.security.AgentEndpoints;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.PasswordHasher;
import io.ringstream.security.credentials.UserRecord;
import io.ringstream.testkit.browser.Chromium;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages in real headless Chromium against the real service (PostgreSQL for customers and the
 * card; commands recorded instead of sent to Kafka; the routing job's assignments applied to the
 * view as its feed would). What needs the channel gateway (a chat between the widget and the
 * desktop) is tested where the gateway runs.
 */
@MicronautTest(transactional = false)
@Property(name = "ringstream.chat.gateway-url", value = PagesBrowserITCase.GATEWAY)
class PagesBrowserITCase {
    /** Nothing listens there: the desktop's chat socket keeps reconnecting, which is fine. */
    static final String GATEWAY = "ws://127.0.0.1:9/chat/ws";

    private static final RecordingCommandSink SENT = new RecordingCommandSink();
    private static final String PASSWORD = "desktop-password-1";

    @RegisterExtension static final Chromium CHROMIUM = new Chromium();

    @Inject EmbeddedServer server;
    @Inject CredentialStore store;
    @Inject PasswordHasher hasher;
    @Inject AgentEndpoints endpoints;
    @Inject RoutingView view;
    @Inject CustomerResolver customers;

    private final String tenant = "pages-" + UUID.randomUUID().toString().substring(0, 8);
    private final String agent = "1001";

    @MockBean(CommandSink.class)
    CommandSink recording() {
        return SENT;
    }

    @Test
    void theDesktopLogsInGoesReadyAndNotReadyWithAReason() {
        WebDriver browser = loggedInDesktop();

        click(browser, "desktop-ready");
        await().untilAsserted(
                        () ->
                                assertThat(commandTypes())
                                        .containsSubsequence(
                                                RoutingCommandType.AGENT_LOGIN,
                                                RoutingCommandType.AGENT_READY));
        await().until(() -> "READY".equals(stateOf(browser)));

        new Select(testId(browser, "desktop-not-ready-reason")).selectByVisibleText("Lunch");
        click(browser, "desktop-not-ready");

        await().untilAsserted(
                        () ->
                                assertThat(commands())
                                        .filteredOn(
                                                c -> c.type() == RoutingCommandType.AGENT_NOT_READY)
                                        .singleElement()
                                        .satisfies(c -> assertThat(c.reason()).isEqualTo("Lunch")));
        assertThat(commands())
                .filteredOn(c -> c.type() == RoutingCommandType.AGENT_LOGIN)
                .as("the routing login is sent once per desktop session")
                .singleElement()
                .satisfies(c -> assertThat(c.agent().queues()).containsExactly("sales", "support"));
        await().until(() -> "NOT_READY".equals(stateOf(browser)));
    }

    @Test
    void anOfferShowsTheCustomerCardAndAcceptingItSendsOfferAccepted() {
        UUID ana =
                ((IdentityMatch.Created)
                                customers.findOrCreate(
                                        tenant, IdentityKind.EMAIL, "ana@example.com", "t", "Ana"))
                        .customerId();
        WebDriver browser = loggedInDesktop();
        await().until(
                        () ->
                                "open"
                                        .equals(
                                                testId(browser, "desktop-stream")
                                                        .getAttribute("data-state")));

        view.apply(
                Assignments.of(
                        AssignmentType.OFFERED,
                        tenant,
                        "offer-1",
                        "chat-1",
                        agent,
                        ana.toString()));

        By offerSelector = By.cssSelector("[data-testid='desktop-offer'][data-offer-id='offer-1']");
        await().until(() -> !browser.findElements(offerSelector).isEmpty());
        WebElement offer = browser.findElement(offerSelector);
        await().untilAsserted(
                        () ->
                                assertThat(
                                                offer.findElement(
                                                                By.cssSelector(
                                                                        "[data-testid='desktop-card-name']"))
                                                        .getText())
                                        .isEqualTo("Ana"));
        assertThat(offer.getAttribute("data-contact-id")).isEqualTo("chat-1");

        offer.findElement(By.cssSelector("[data-testid='desktop-accept']")).click();

        await().untilAsserted(
                        () ->
                                assertThat(commands())
                                        .filteredOn(
                                                c -> c.type() == RoutingCommandType.OFFER_ACCEPTED)
                                        .singleElement()
                                        .satisfies(
                                                c -> {
                                                    assertThat(c.offerId()).isEqualTo("offer-1");
                                                    assertThat(c.agentId()).isEqualTo(agent);
                                                }));
        await().until(
                        () ->
                                !browser.findElements(
                                                By.cssSelector(
                                                        "[data-testid='desktop-conversation']"
                                                                + "[data-conversation-id='chat-1']"))
                                        .isEmpty());
    }

    @Test
    void closingAnAcceptedContactEndsItAndWrapUpDoneEndsTheWrapUp() {
        WebDriver browser = loggedInDesktop();
        await().until(
                        () ->
                                "open"
                                        .equals(
                                                testId(browser, "desktop-stream")
                                                        .getAttribute("data-state")));
        view.apply(Assignments.of(AssignmentType.OFFERED, tenant, "offer-2", "call-2", agent));
        view.apply(Assignments.of(AssignmentType.ACCEPTED, tenant, "offer-2", "call-2", agent));
        By conversation =
                By.cssSelector(
                        "[data-testid='desktop-conversation'][data-conversation-id='call-2']");
        await().until(() -> !browser.findElements(conversation).isEmpty());
        assertThat(browser.findElements(By.cssSelector("[data-offer-id='offer-2']")))
                .as("the accepted offer leaves the offers")
                .isEmpty();

        browser.findElement(conversation)
                .findElement(By.cssSelector("[data-testid='desktop-close']"))
                .click();
        await().untilAsserted(
                        () ->
                                assertThat(commands())
                                        .filteredOn(
                                                c -> c.type() == RoutingCommandType.CONTACT_ENDED)
                                        .singleElement()
                                        .satisfies(
                                                c ->
                                                        assertThat(c.contactId())
                                                                .isEqualTo("call-2")));
        WebElement wrapUp =
                browser.findElement(conversation)
                        .findElement(By.cssSelector("[data-testid='desktop-wrap-up-done']"));
        await().until(wrapUp::isDisplayed);
        wrapUp.click();

        await().untilAsserted(
                        () ->
                                assertThat(commandTypes())
                                        .contains(RoutingCommandType.WRAP_UP_ENDED));
        await().until(() -> browser.findElements(conversation).isEmpty());
    }

    @Test
    void theDemoShopLoadsTheWidgetAndItsPanelOpensWithTheStartForm() {
        WebDriver browser = CHROMIUM.open();
        browser.get(server.getURL() + "/chat/demo");

        click(browser, "rs-chat-button");

        await().until(() -> testId(browser, "rs-chat-panel").isDisplayed());
        assertThat(testId(browser, "rs-chat-start-form").isDisplayed()).isTrue();
        assertThat(
                        new Select(testId(browser, "rs-chat-topic"))
                                .getOptions().stream().map(WebElement::getText))
                .containsExactly("sales", "support");
        assertThat(testId(browser, "rs-chat-name").isDisplayed()).isTrue();
        assertThat(testId(browser, "rs-chat-email").isDisplayed()).isTrue();
        Object gateway =
                ((JavascriptExecutor) browser)
                        .executeScript("return window.RingstreamChat.gateway");
        assertThat(gateway).as("from /chat/config.js").isEqualTo(GATEWAY);
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .as("no script or policy errors")
                .noneMatch(e -> e.getLevel().intValue() >= Level.SEVERE.intValue());
    }

    @Test
    void thePagesAreAnonymousWithTheirPolicyAndTheApiStillNeedsAToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String page :
                List.of(
                        "/chat/demo",
                        "/chat/widget.js",
                        "/chat/widget.css",
                        "/chat/config.js",
                        "/desktop",
                        "/desktop/desktop.js",
                        "/desktop/api.js")) {
            HttpResponse<String> answer = get(http, page);
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Security-Policy"))
                    .as(page)
                    .hasValueSatisfying(
                            csp ->
                                    assertThat(csp)
                                            .contains("connect-src 'self' ws://127.0.0.1:9")
                                            .contains("frame-ancestors 'none'"));
        }
        assertThat(get(http, "/chat/config.js").body())
                .contains("window.RINGSTREAM_GATEWAY = \"" + GATEWAY + "\"");
        assertThat(get(http, "/v1/auth/me").statusCode()).isEqualTo(401);
        assertThat(get(http, "/v1/agents/" + agent + "/assignments").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A desktop logged in as the test's agent, whose endpoint a supervisor has set. */
    private WebDriver loggedInDesktop() {
        store.putUser(new UserRecord(tenant, agent, Set.of(Role.AGENT), hasher.hash(PASSWORD)));
        endpoints.set(tenant, agent, "PJSIP/" + agent);
        WebDriver browser = CHROMIUM.open();
        browser.get(server.getURL() + "/desktop");
        WebElement tenantField = testId(browser, "desktop-tenant");
        tenantField.clear();
        tenantField.sendKeys(tenant);
        testId(browser, "desktop-username").sendKeys(agent);
        testId(browser, "desktop-password").sendKeys(PASSWORD);
        click(browser, "desktop-login-submit");
        await().until(() -> testId(browser, "desktop-workspace").isDisplayed());
        assertThat(testId(browser, "desktop-agent-id").getText()).isEqualTo(agent);
        return browser;
    }

    private static String stateOf(WebDriver browser) {
        return testId(browser, "desktop-state").getAttribute("data-state");
    }

    private static WebElement testId(WebDriver browser, String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    private static void click(WebDriver browser, String id) {
        testId(browser, id).click();
    }

    private List<RoutingCommand> commands() {
        return SENT.sent().stream().filter(c -> c.tenant().equals(tenant)).toList();
    }

    private List<RoutingCommandType> commandTypes() {
        return commands().stream().map(RoutingCommand::type).toList();
    }
}
