package io.ringstream.flink.sla.operators;

import io.ringstream.analytics.sla.clock.ClockMapper;
import io.ringstream.analytics.sla.clock.PolicyLookup;
import io.ringstream.analytics.sla.clock.SignalType;
import io.ringstream.analytics.sla.clock.SlaSettings;
import io.ringstream.analytics.sla.clock.SlaSignal;
import io.ringstream.analytics.sla.clock.SubjectState;
import io.ringstream.analytics.sla.policy.PolicyBook;
import io.ringstream.events.SlaPolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLA job's first step: turns each subject's events into clock signals ({@link ClockMapper}),
 * resolves each new clock's threshold against the policies in broadcast state, and emits each
 * clock's WARNING_DUE and BREACH_DUE signals from event-time timers when they are due. The CEP
 * patterns downstream decide what happened.
 *
 * <p>Policies arrive on the broadcast input and apply to clocks that start afterwards; a clock
 * keeps the threshold it started with. The newest record per tenant and policy id wins; a deletion
 * removes the policy.
 *
 * <p>State lifetime, per subject (keyed by contact or agent): the {@link SubjectState}, the pending
 * deadlines and one cleanup timer. A deadline is dropped when a signal ends its clock before it is
 * due, or emitted when due. The subject is forgotten at max(latest event, latest open deadline) +
 * the linger after ENDED, or + the inactivity period for subjects that never end; clocks that may
 * still run are then cancelled as {@code expired}, so the patterns release them too.
 */
public class ClockSignalFunction
        extends KeyedBroadcastProcessFunction<String, SubjectEvent, SlaPolicy, SlaSignal> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ClockSignalFunction.class);

    /** Policies by tenant and policy id; the same descriptor must be used to broadcast. */
    public static final MapStateDescriptor<String, SlaPolicy> POLICIES =
            new MapStateDescriptor<>(
                    "sla-policies", Types.STRING, TypeInformation.of(SlaPolicy.class));

    private final ClockMapper mapper;
    private final PolicyBook book;
    private final long lingerMillis;
    private final long inactivityMillis;

    private transient ValueState<SubjectState> subject;
    private transient MapState<Long, List<SlaSignal>> deadlines;
    private transient ValueState<Long> cleanupAt;

    public ClockSignalFunction(SlaSettings settings, PolicyBook book) {
        this.mapper = new ClockMapper(settings);
        this.book = book;
        this.lingerMillis = settings.lingerAfterEnd().toMillis();
        this.inactivityMillis = settings.inactivity().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        subject =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("subject", SubjectState.class));
        deadlines =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "deadlines",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(SlaSignal.class))));
        cleanupAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("cleanupAt", Long.class));
    }

    @Override
    public void processElement(SubjectEvent in, ReadOnlyContext ctx, Collector<SlaSignal> out)
            throws Exception {
        SubjectState state = subject.value();
        if (state == null) {
            state = new SubjectState();
        }
        ReadOnlyBroadcastState<String, SlaPolicy> policies = ctx.getBroadcastState(POLICIES);
        PolicyLookup lookup = scope -> book.resolve(values(policies), scope);
        List<SlaSignal> signals;
        if (in.contact() != null) {
            signals = mapper.onContact(in.contact(), state, lookup);
        } else if (in.interaction() != null) {
            signals = mapper.onInteraction(in.interaction(), state, lookup);
        } else {
            signals = mapper.onAgent(in.agent(), state, lookup);
        }
        TimerService timers = ctx.timerService();
        for (SlaSignal signal : signals) {
            out.collect(signal);
            if (signal.type() == SignalType.START) {
                schedule(signal.deadline(SignalType.WARNING_DUE), timers);
                schedule(signal.deadline(SignalType.BREACH_DUE), timers);
            } else if (signal.endsClock()) {
                dropDeadlines(signal, timers);
            }
        }
        subject.update(state);
        long due =
                Math.max(state.lastEventTime, state.latestOpenDue())
                        + (state.endedAt != null ? lingerMillis : inactivityMillis);
        Long current = cleanupAt.value();
        if (current == null || current != due) {
            if (current != null && !deadlines.contains(current)) {
                timers.deleteEventTimeTimer(current);
            }
            timers.registerEventTimeTimer(due);
            cleanupAt.update(due);
        }
    }

    @Override
    public void processBroadcastElement(SlaPolicy policy, Context ctx, Collector<SlaSignal> out)
            throws Exception {
        BroadcastState<String, SlaPolicy> policies = ctx.getBroadcastState(POLICIES);
        String key = PolicyBook.keyOf(policy);
        if (policy.deleted()) {
            policies.remove(key);
            LOG.info("SLA policy {} of tenant {} withdrawn", policy.policyId(), policy.tenant());
        } else {
            policies.put(key, policy);
            LOG.info(
                    "SLA policy {} of tenant {}: {} {} s (queue {}, channel {}, priority {})",
                    policy.policyId(),
                    policy.tenant(),
                    policy.kind(),
                    policy.thresholdSeconds(),
                    policy.queue() == null ? "any" : policy.queue(),
                    policy.channel() == null ? "any" : policy.channel(),
                    policy.priority() == null ? "any" : policy.priority());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SlaSignal> out)
            throws Exception {
        List<SlaSignal> due = deadlines.get(timestamp);
        if (due != null) {
            deadlines.remove(timestamp);
            due.forEach(out::collect);
        }
        Long cleanup = cleanupAt.value();
        if (cleanup != null && cleanup == timestamp) {
            SubjectState state = subject.value();
            if (state != null) {
                mapper.expire(state, timestamp).forEach(out::collect);
            }
            for (Long pending : deadlineTimes()) {
                ctx.timerService().deleteEventTimeTimer(pending);
            }
            deadlines.clear();
            subject.clear();
            cleanupAt.clear();
        }
    }

    private void schedule(SlaSignal deadline, TimerService timers) throws Exception {
        List<SlaSignal> atTime = deadlines.get(deadline.time());
        if (atTime == null) {
            atTime = new ArrayList<>(1);
            timers.registerEventTimeTimer(deadline.time());
        }
        atTime.add(deadline);
        deadlines.put(deadline.time(), atTime);
    }

    /**
     * A clock of this kind ended at {@code end.time()}: deadlines of clocks that started no later
     * and are not yet due can no longer matter. Deadlines already due stay (the stop may have come
     * after them), and so do clocks that started after the stop (events arrive out of order).
     */
    private void dropDeadlines(SlaSignal end, TimerService timers) throws Exception {
        List<Long> emptied = new ArrayList<>();
        Iterator<Map.Entry<Long, List<SlaSignal>>> it = deadlines.iterator();
        List<Map.Entry<Long, List<SlaSignal>>> changed = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<Long, List<SlaSignal>> entry = it.next();
            if (entry.getKey() < end.time()) {
                continue;
            }
            List<SlaSignal> kept = new ArrayList<>(entry.getValue().size());
            for (SlaSignal d : entry.getValue()) {
                boolean obsolete = d.kind() == end.kind() && d.startedAt() <= end.time();
                if (!obsolete) {
                    kept.add(d);
                }
            }
            if (kept.size() != entry.getValue().size()) {
                changed.add(Map.entry(entry.getKey(), kept));
            }
        }
        for (Map.Entry<Long, List<SlaSignal>> c : changed) {
            if (c.getValue().isEmpty()) {
                deadlines.remove(c.getKey());
                emptied.add(c.getKey());
            } else {
                deadlines.put(c.getKey(), c.getValue());
            }
        }
        Long cleanup = cleanupAt.value();
        for (Long time : emptied) {
            if (cleanup == null || cleanup.longValue() != time) {
                timers.deleteEventTimeTimer(time);
            }
        }
    }

    private List<Long> deadlineTimes() throws Exception {
        List<Long> times = new ArrayList<>();
        for (Long time : deadlines.keys()) {
            times.add(time);
        }
        return times;
    }

    private static Iterable<SlaPolicy> values(ReadOnlyBroadcastState<String, SlaPolicy> state) {
        return () -> {
            try {
                Iterator<? extends Map.Entry<String, SlaPolicy>> entries =
                        state.immutableEntries().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return entries.hasNext();
                    }

                    @Override
                    public SlaPolicy next() {
                        return entries.next().getValue();
                    }
                };
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the SLA policies", e);
            }
        };
    }
}
