package io.ringstream.flink.sla.bench;

import io.ringstream.analytics.sla.clock.SlaSettings;
import io.ringstream.analytics.sla.clock.SlaSignal;
import io.ringstream.analytics.sla.policy.DefaultPolicies;
import io.ringstream.analytics.sla.policy.PolicyBook;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.SlaEvent;
import io.ringstream.events.SlaPolicy;
import io.ringstream.flink.sla.cep.OutcomeFunction;
import io.ringstream.flink.sla.cep.SignalOrder;
import io.ringstream.flink.sla.cep.SlaPatterns;
import io.ringstream.flink.sla.cep.WarningFunction;
import io.ringstream.flink.sla.operators.ClockSignalFunction;
import io.ringstream.flink.sla.operators.SubjectEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SLA detection throughput on one core with 100,000 contacts waiting at once, and the state each
 * open contact costs. The job's three SLA operators (clock signals with broadcast policies, the
 * warning and outcome CEP patterns) run in test harnesses on one thread with the heap state
 * backend, fed the way the job feeds them: records, then a watermark every 1,000 events.
 *
 * <p>Each operation is one raw contact event. The oldest waiting contact is answered and a new one
 * queues, so 100,000 answer clocks stay open throughout (threshold 1 h; each contact waits ~1,000 s
 * of event time, so no deadline is due and every clock ends as MET).
 *
 * <p>Run (see docs/benchmarks.md): {@code java -cp <test classpath> org.openjdk.jmh.Main
 * SlaCepBenchmark -f 1 -wi 2 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx3g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
public class SlaCepBenchmark {
    static final int OPEN = 100_000;
    static final int BATCH = 1_000;

    /** Event time between two events: 100,000 open contacts wait ~1,000 s each. */
    static final long STEP = 10;

    private KeyedBroadcastOperatorTestHarness<String, SubjectEvent, SlaPolicy, SlaSignal> signals;
    private KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, SlaEvent> warnings;
    private KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, SlaEvent> outcomes;
    private long now = 1_709_287_200_000L;
    private long next;
    private long oldest;
    private long verdicts;

    @Setup(Level.Trial)
    public void openAndFill() throws Exception {
        PolicyBook book = new PolicyBook(new DefaultPolicies(queue -> 3_600, 0.8));
        signals =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new ClockSignalFunction(SlaSettings.DEFAULT, book),
                                List.of(ClockSignalFunction.POLICIES)),
                        SubjectEvent::key,
                        Types.STRING,
                        1,
                        1,
                        0);
        signals.setCheckpointStorage(new JobManagerCheckpointStorage(Integer.MAX_VALUE));
        signals.open();
        signals.processBroadcastWatermark(Long.MAX_VALUE);
        warnings = cep(SlaPatterns.warning(), new WarningFunction());
        outcomes = cep(SlaPatterns.outcome(), new OutcomeFunction());
        for (int i = 0; i < OPEN; i++) {
            send(event(next++, ContactEventType.QUEUED));
            if (i % BATCH == BATCH - 1) {
                watermark();
            }
        }
        watermark();
        printStatePerOpenContact();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long answerOneQueueOne() throws Exception {
        for (int i = 0; i < BATCH / 2; i++) {
            send(event(oldest++, ContactEventType.ANSWERED));
            send(event(next++, ContactEventType.QUEUED));
        }
        watermark();
        return verdicts;
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%nverdicts emitted: %d, contacts open: %d%n",
                verdicts,
                next - oldest);
        signals.close();
        warnings.close();
        outcomes.close();
    }

    private ContactEvent event(long contact, ContactEventType type) {
        now += STEP;
        String id = "c" + contact;
        ContactEvent.Builder b =
                ContactEvent.builder(type, id)
                        .eventId(EventIds.of(id, type.name()))
                        .eventTime(now)
                        .channel(Channel.VOICE)
                        .source("bench")
                        .queue("sales");
        if (type == ContactEventType.ANSWERED) {
            b.agentId("agent-1");
        }
        return b.build();
    }

    private void send(ContactEvent e) throws Exception {
        signals.processElement(SubjectEvent.of(e), e.eventTime());
        forward();
    }

    private void watermark() throws Exception {
        long watermark = now - 5_000;
        signals.processWatermark(watermark);
        forward();
        warnings.processWatermark(watermark);
        outcomes.processWatermark(watermark);
        verdicts += drain(warnings) + drain(outcomes);
    }

    /** Hands the signal operator's records to both patterns and forgets them (no growth). */
    private void forward() throws Exception {
        List<Object> out = new ArrayList<>(signals.getOutput());
        signals.getOutput().clear();
        for (Object o : out) {
            if (o instanceof StreamRecord<?> r) {
                @SuppressWarnings("unchecked")
                StreamRecord<SlaSignal> s = (StreamRecord<SlaSignal>) r;
                warnings.processElement(new StreamRecord<>(s.getValue(), s.getTimestamp()));
                outcomes.processElement(new StreamRecord<>(s.getValue(), s.getTimestamp()));
            }
        }
    }

    private static int drain(AbstractStreamOperatorTestHarness<SlaEvent> harness) {
        int n = 0;
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord<?>) {
                n++;
            }
        }
        harness.getOutput().clear();
        return n;
    }

    private void printStatePerOpenContact() throws Exception {
        long open = next - oldest;
        long signalBytes = size(signals.snapshot(1, now));
        long warningBytes = size(warnings.snapshot(1, now));
        long outcomeBytes = size(outcomes.snapshot(1, now));
        long total = signalBytes + warningBytes + outcomeBytes;
        System.out.printf(
                Locale.ROOT,
                "%nstate with %d contacts open: signals %d B, warning CEP %d B, outcome CEP %d B;"
                        + " %.0f B per open contact (checkpoint size)%n",
                open,
                signalBytes,
                warningBytes,
                outcomeBytes,
                total / (double) open);
    }

    private static long size(OperatorSubtaskState state) {
        return state.getStateSize();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, SlaEvent> cep(
            Pattern<SlaSignal, ?> pattern, PatternProcessFunction<SlaSignal, SlaEvent> function)
            throws Exception {
        CepOperator<SlaSignal, String, SlaEvent> operator =
                new CepOperator<>(
                        TypeInformation.of(SlaSignal.class)
                                .createSerializer(new SerializerConfigImpl()),
                        false,
                        NFACompiler.compileFactory(pattern, true),
                        new SignalOrder(),
                        pattern.getAfterMatchSkipStrategy(),
                        function,
                        null);
        KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, SlaEvent> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator, SlaSignal::cepKey, Types.STRING);
        harness.setCheckpointStorage(new JobManagerCheckpointStorage(Integer.MAX_VALUE));
        harness.open();
        return harness;
    }
}
