package io.ringstream.flink.sla;

import io.ringstream.analytics.kpi.AgentKpiCounters;
import io.ringstream.analytics.kpi.AgentKpiInput;
import io.ringstream.analytics.kpi.AgentKpiRow;
import io.ringstream.analytics.kpi.AgentKpiState;
import io.ringstream.analytics.kpi.AgentKpiWindowsState;
import io.ringstream.analytics.kpi.ContactKpiState;
import io.ringstream.analytics.kpi.KpiCounters;
import io.ringstream.analytics.kpi.KpiFact;
import io.ringstream.analytics.kpi.QueueKpiRow;
import io.ringstream.analytics.kpi.QueueKpiState;
import io.ringstream.analytics.sla.clock.SlaSignal;
import io.ringstream.analytics.sla.clock.SubjectState;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.SlaEvent;
import io.ringstream.events.SlaPolicy;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.flink.kit.kafka.Decoded;
import io.ringstream.flink.sla.operators.SubjectEvent;
import io.ringstream.testkit.FlinkTypes;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything the service-level job ships between operators or keeps in state uses Flink's POJO
 * serializer: a Kryo fallback would be slow, and would break on the events' immutable maps.
 */
class ServiceLevelTypesTest {

    static Stream<TypeInformation<?>> types() {
        return Stream.of(
                TypeInformation.of(SlaPolicy.class),
                TypeInformation.of(SlaEvent.class),
                TypeInformation.of(SupervisorAlert.class),
                TypeInformation.of(InteractionEvent.class),
                TypeInformation.of(SlaSignal.class),
                TypeInformation.of(SubjectEvent.class),
                TypeInformation.of(SubjectState.class),
                TypeInformation.of(KpiFact.class),
                TypeInformation.of(KpiCounters.class),
                TypeInformation.of(QueueKpiRow.class),
                TypeInformation.of(QueueKpiState.class),
                TypeInformation.of(ContactKpiState.class),
                TypeInformation.of(AgentKpiState.class),
                TypeInformation.of(AgentKpiInput.class),
                TypeInformation.of(AgentKpiWindowsState.class),
                TypeInformation.of(AgentKpiCounters.class),
                TypeInformation.of(AgentKpiRow.class),
                Decoded.typeOf(SlaPolicy.class),
                Decoded.typeOf(InteractionEvent.class));
    }

    @ParameterizedTest
    @MethodSource("types")
    void isAPojoWithoutGenericFields(TypeInformation<?> type) {
        FlinkTypes.assertPojoWithoutKryo(type);
    }
}
