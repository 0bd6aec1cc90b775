package io.ringstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The widget configurations of the channels file: the built-in demo widget, topics with their
 * queues and skills, and unknown keys or bad values refused at start.
 */
class WidgetConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WidgetConfig parse(String json) throws Exception {
        return WidgetConfig.parse(JSON.readTree(json));
    }

    @Test
    void theBuiltInDemoWidgetServesTheDefaultTenant() {
        WidgetConfig.Widget demo = WidgetConfig.builtIn().widget("demo").orElseThrow();
        assertThat(demo.tenant()).isEqualTo("default");
        assertThat(demo.topic(null).orElseThrow().queue()).isEqualTo("sales");
        assertThat(demo.topic("support").orElseThrow().queue()).isEqualTo("support");
        assertThat(demo.topic("billing")).isEmpty();
    }

    @Test
    void aFileWithoutWidgetsKeepsTheBuiltIn() throws Exception {
        assertThat(parse("{\"instagram\":{}}")).isEqualTo(WidgetConfig.builtIn());
    }

    @Test
    void parsesTopicsSkillsAndTheDefaultTopic() throws Exception {
        WidgetConfig config =
                parse(
                        "{\"widgets\":{\"shop\":{\"tenant\":\"acme\",\"defaultTopic\":\"b\","
                                + "\"topics\":{\"a\":{\"queue\":\"qa\"},\"b\":{\"queue\":\"qb\","
                                + "\"skills\":{\"de\":2}}}}}}");
        WidgetConfig.Widget shop = config.widget("shop").orElseThrow();
        assertThat(shop.topic(null).orElseThrow())
                .isEqualTo(new WidgetConfig.Topic("b", "qb", Map.of("de", 2)));
    }

    @Test
    void refusesUnknownKeysAndBadValues() {
        assertThatThrownBy(() -> parse("{\"widget\":{}}")).hasMessageContaining("$.widget");
        assertThatThrownBy(
                        () ->
                                parse(
                                        "{\"widgets\":{\"w\":{\"tenant\":\"t\",\"colour\":\"red\","
                                                + "\"topics\":{\"a\":{\"queue\":\"q\"}}}}}"))
                .hasMessageContaining("$.widgets.w.colour");
        assertThatThrownBy(
                        () ->
                                parse(
                                        "{\"widgets\":{\"w\":{\"tenant\":\"t\",\"topics\":{\"a\":"
                                                + "{\"queue\":\"q\",\"skills\":{\"x\":9}}}}}}"))
                .hasMessageContaining("$.widgets.w.topics.a.skills.x");
        assertThatThrownBy(
                        () ->
                                parse(
                                        "{\"widgets\":{\"w\":{\"tenant\":\"t\",\"defaultTopic\":\"z\","
                                                + "\"topics\":{\"a\":{\"queue\":\"q\"}}}}}"))
                .hasMessageContaining("defaultTopic");
        assertThatThrownBy(() -> parse("{\"widgets\":{\"w\":{\"topics\":{}}}}"))
                .hasMessageContaining("tenant");
    }
}
