package io.ringstream.flink.routing;

import static io.ringstream.flink.routing.RoutingFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.Assignment;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommandType;
import io.ringstream.events.RoutingStatus;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.flink.kit.kafka.Decoded;
import io.ringstream.testkit.FlinkTypes;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the routing job ships between operators uses Flink's POJO serializer (no Kryo), and its
 * state value survives its own serializer.
 */
class RoutingTypesTest {

    static Stream<TypeInformation<?>> types() {
        return Stream.of(
                TypeInformation.of(RoutingInput.class),
                TypeInformation.of(Assignment.class),
                TypeInformation.of(RoutingStatus.class),
                TypeInformation.of(DecisionRow.class),
                Decoded.typeOf(RoutingCommand.class),
                Decoded.typeOf(SupervisorAlert.class));
    }

    @ParameterizedTest
    @MethodSource("types")
    void isAPojoWithoutGenericFields(TypeInformation<?> type) {
        FlinkTypes.assertPojoWithoutKryo(type);
    }

    @Test
    void aCommandInputSurvivesFlinkSerialization() throws Exception {
        RoutingInput login =
                RoutingInput.of(
                        RoutingFixtures.login(
                                "t", "a1", Map.of("billing", 4), List.of("es", "en"), T0));
        assertThat(FlinkTypes.roundTrip(TypeInformation.of(RoutingInput.class), login))
                .isEqualTo(login);
    }

    @Test
    void tenantRoutingSurvivesItsSerializerAndCopiesDeeply() throws Exception {
        TenantRouter router =
                new TenantRouter(
                        "t",
                        new TenantRouting(10),
                        RoutingSettings.defaults(RoutingFixtures.supportPolicy()));
        router.apply(
                RoutingInput.of(
                        RoutingFixtures.login("t", "a1", Map.of("billing", 5), List.of("es"), T0)),
                T0);
        router.apply(
                RoutingInput.of(
                        RoutingFixtures.agent(RoutingCommandType.AGENT_READY, "t", "a1", T0)),
                T0);
        router.apply(
                RoutingInput.of(RoutingFixtures.queued("t", "c1", Map.of(), "es", "cust", T0)), T0);
        TenantRoutingSerializer serializer = TenantRoutingSerializer.INSTANCE;

        TenantRouting restored = FlinkTypes.roundTrip(serializer, router.state());
        TenantRouting copy = serializer.copy(router.state());

        for (TenantRouting value : List.of(restored, copy)) {
            assertThat(value).isNotSameAs(router.state());
            assertThat(value.endpoints).containsEntry("a1", "PJSIP/a1");
            assertThat(value.offers).hasSize(1);
            assertThat(value.contacts).containsKey("c1");
            assertThat(value.engine.contactCount()).isEqualTo(1);
            assertThat(value.engine.agentCount()).isEqualTo(1);
        }
        assertThat(serializer.snapshotConfiguration().restoreSerializer()).isEqualTo(serializer);
    }
}
