package io.ringstream.pbxsim.traffic;

import io.ringstream.pbxsim.ami.AmiFrame;
import io.ringstream.pbxsim.flow.Agent;
import io.ringstream.pbxsim.flow.CallFlows;
import io.ringstream.pbxsim.flow.CallScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One simulated app_queue: Poisson callers wait FIFO, the longest-idle free member is rung, a ring
 * may time out (the member is then auto-paused, as {@code autopause=yes} does), callers whose
 * patience runs out abandon, idle members take breaks or log out. It emits the AMI frames Asterisk
 * would; its state lives as long as the model.
 */
final class VoiceQueue {
    private static final double RING_TIMEOUT_SECONDS = 15;
    private static final String[] BREAK_REASONS = {"Break", "Lunch", "Training", "Meeting"};

    private enum State {
        IDLE,
        RINGING,
        TALKING,
        PAUSED,
        OFFLINE
    }

    private static final class Member {
        final Agent agent;
        State state = State.OFFLINE;
        long idleSince;

        Member(Agent agent) {
            this.agent = agent;
        }
    }

    private static final class Caller {
        final CallScript script;
        int emitted;
        Scheduler.Handle abandonTimer;
        Scheduler.Handle ringTimer;
        Member ringing;

        Caller(CallScript script) {
            this.script = script;
        }
    }

    private final QueueProfile profile;
    private final SimulationConfig config;
    private final Scheduler clock;
    private final Random rng;
    private final CallFlows flows;
    private final Consumer<AmiFrame> out;
    private final Consumer<Emission.CallEnded> ended;
    private final CallerNumbers callers;
    private final List<Member> members = new ArrayList<>();
    private final List<Caller> waiting = new ArrayList<>();

    VoiceQueue(
            QueueProfile profile,
            int queueIndex,
            SimulationConfig config,
            Scheduler clock,
            Random rng,
            CallFlows flows,
            Consumer<AmiFrame> out,
            Consumer<Emission.CallEnded> ended) {
        this.profile = profile;
        this.config = config;
        this.clock = clock;
        this.rng = rng;
        this.flows = flows;
        this.out = out;
        this.ended = ended;
        this.callers = new CallerNumbers();
        for (int k = 0; k < profile.agents(); k++) {
            String ext = Integer.toString((queueIndex + 1) * 1000 + k + 1);
            members.add(
                    new Member(
                            Agent.of(
                                    "PJSIP/" + ext,
                                    AgentNames.name(queueIndex, k) + " (" + profile.name() + ")",
                                    profile.name())));
        }
    }

    /** Members log in one second apart; the first caller follows the arrival process. */
    void start() {
        for (int k = 0; k < members.size(); k++) {
            Member m = members.get(k);
            clock.after(k, () -> login(m));
        }
        scheduleArrival();
    }

    private void scheduleArrival() {
        clock.after(
                Distributions.exponential(rng, 3600.0 / profile.arrivalsPerHour()), this::arrive);
    }

    private void arrive() {
        String callerNum = callers.next(rng);
        Caller c = new Caller(flows.call(profile.name(), callerNum, clock.now()));
        flush(c);
        clock.after(CallFlows.IVR_SECONDS, () -> join(c));
        scheduleArrival();
    }

    private void join(Caller c) {
        c.script.join(clock.now());
        flush(c);
        waiting.add(c);
        c.abandonTimer =
                clock.after(
                        Distributions.exponential(rng, profile.meanPatienceSeconds()),
                        () -> abandon(c));
        dispatch();
    }

    /** Rings the longest-idle free member for each caller not yet ringing, in queue order. */
    private void dispatch() {
        for (Caller c : List.copyOf(waiting)) {
            if (c.ringing != null) {
                continue;
            }
            Member free = null;
            for (Member m : members) {
                if (m.state == State.IDLE && (free == null || m.idleSince < free.idleSince)) {
                    free = m;
                }
            }
            if (free == null) {
                return;
            }
            offer(c, free);
        }
    }

    private void offer(Caller c, Member m) {
        c.script.offer(clock.now(), m.agent);
        flush(c);
        m.state = State.RINGING;
        c.ringing = m;
        if (rng.nextDouble() < config.ringNoAnswerProbability()) {
            c.ringTimer = clock.after(RING_TIMEOUT_SECONDS, () -> ringNoAnswer(c));
        } else {
            c.ringTimer = clock.after(Distributions.uniform(rng, 2, 8), () -> connect(c));
        }
    }

    private void connect(Caller c) {
        Member m = c.ringing;
        c.abandonTimer.cancel();
        waiting.remove(c);
        c.script.connect(clock.now());
        flush(c);
        m.state = State.TALKING;
        double talk =
                Distributions.logNormal(rng, profile.meanHandleSeconds(), profile.handleSigma());
        clock.after(Math.max(1, talk), () -> complete(c, m));
    }

    private void complete(Caller c, Member m) {
        c.script.complete(clock.now(), rng.nextDouble() < 0.6 ? "caller" : "agent");
        flush(c);
        callEnded(c, true);
        m.state = State.IDLE;
        m.idleSince = clock.now();
        dispatch();
    }

    private void ringNoAnswer(Caller c) {
        Member m = c.ringing;
        c.script.ringNoAnswer(clock.now());
        flush(c);
        c.ringing = null;
        pause(m, "Auto-Pause", Distributions.exponential(rng, 60));
        dispatch();
    }

    private void abandon(Caller c) {
        if (c.ringing != null) {
            c.ringTimer.cancel();
            c.ringing.state = State.IDLE;
            c.ringing = null;
        }
        c.script.abandon(clock.now());
        flush(c);
        callEnded(c, false);
        waiting.remove(c);
        dispatch();
    }

    private void callEnded(Caller c, boolean answered) {
        ended.accept(
                new Emission.CallEnded(
                        clock.now(),
                        profile.name(),
                        c.script.callerIdNum(),
                        c.script.uniqueid(),
                        answered));
    }

    private void login(Member m) {
        out.accept(flows.memberAdded(clock.now(), profile.name(), m.agent, false, null));
        m.state = State.IDLE;
        m.idleSince = clock.now();
        scheduleBreak(m);
        dispatch();
    }

    private void scheduleBreak(Member m) {
        clock.after(
                Distributions.exponential(rng, 3600.0 / config.pauseRatePerAgentHour()),
                () -> takeBreak(m));
    }

    /** Only an idle member goes on break; a busy one tries again a little later. */
    private void takeBreak(Member m) {
        if (m.state != State.IDLE) {
            clock.after(30, () -> takeBreak(m));
            return;
        }
        double length = Distributions.exponential(rng, config.meanPauseSeconds());
        if (rng.nextDouble() < config.logoutShare()) {
            out.accept(flows.memberRemoved(clock.now(), profile.name(), m.agent));
            m.state = State.OFFLINE;
            clock.after(length, () -> login(m));
        } else {
            pause(m, Distributions.pick(rng, BREAK_REASONS), length);
            scheduleBreak(m);
        }
    }

    private void pause(Member m, String reason, double seconds) {
        out.accept(flows.memberPause(clock.now(), profile.name(), m.agent, true, reason));
        m.state = State.PAUSED;
        clock.after(
                seconds,
                () -> {
                    out.accept(
                            flows.memberPause(clock.now(), profile.name(), m.agent, false, null));
                    m.state = State.IDLE;
                    m.idleSince = clock.now();
                    dispatch();
                });
    }

    /** Emits the frames a script step added since the last flush. */
    private void flush(Caller c) {
        List<AmiFrame> frames = c.script.frames();
        for (int i = c.emitted; i < frames.size(); i++) {
            out.accept(frames.get(i));
        }
        c.emitted = frames.size();
    }
}
