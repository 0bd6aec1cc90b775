package io.ringstream.pbxsim;

import io.ringstream.pbxsim.ami.AmiFrame;
import io.ringstream.pbxsim.ami.AmiServer;
import io.ringstream.pbxsim.ami.AmiTime;
import io.ringstream.pbxsim.traffic.Emission;
import io.ringstream.pbxsim.traffic.SimulationConfig;
import io.ringstream.pbxsim.traffic.TrafficModel;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the seeded {@link TrafficModel} live: voice as AMI events through an {@link AmiServer} (so
 * the real bridge picks them up), chat through a {@link SimulatorSink}. With {@code timeScale} s,
 * simulated time runs s times faster than the wall clock from the start instant; event times stay
 * consistent with each other (an accelerated day), not with the wall clock.
 *
 * <p>One playback thread owns the model for the simulator's lifetime; {@link #close()} stops it.
 */
public final class TrafficSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrafficSimulator.class);

    /** What has been played so far. */
    public record Stats(
            long voiceFrames,
            long contactEvents,
            long agentEvents,
            long interactions,
            long sinkErrors) {}

    private final SimulationConfig config;
    private final Consumer<AmiFrame> voice;
    private final SimulatorSink sink;
    private final Object lock = new Object();
    private final AtomicLong voiceFrames = new AtomicLong();
    private final AtomicLong contactEvents = new AtomicLong();
    private final AtomicLong agentEvents = new AtomicLong();
    private final AtomicLong interactions = new AtomicLong();
    private final AtomicLong sinkErrors = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    public TrafficSimulator(SimulationConfig config, AmiServer ami, SimulatorSink sink) {
        this(config, ami::emit, sink);
    }

    /** With any consumer of voice frames, e.g. a list in tests. */
    public TrafficSimulator(SimulationConfig config, Consumer<AmiFrame> voice, SimulatorSink sink) {
        this.config = config;
        this.voice = voice;
        this.sink = sink;
    }

    /** Starts playing with simulated time beginning now. */
    public void start() {
        start(Instant.now());
    }

    /** Starts playing with simulated time beginning at {@code simulatedStart}. */
    public synchronized void start(Instant simulatedStart) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        long startMicros = AmiTime.micros(simulatedStart);
        thread = new Thread(() -> play(startMicros), "traffic-simulator");
        thread.setDaemon(true);
        thread.start();
        LOG.info(
                "traffic simulator started: seed {}, {} queues, time scale {}",
                config.seed(),
                config.queues().size(),
                config.timeScale());
    }

    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    public Stats stats() {
        return new Stats(
                voiceFrames.get(),
                contactEvents.get(),
                agentEvents.get(),
                interactions.get(),
                sinkErrors.get());
    }

    /** Stops playback and waits for the playback thread to end. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void play(long startMicros) {
        TrafficModel model = new TrafficModel(config, startMicros);
        long wallStart = System.nanoTime();
        while (running) {
            Emission e = model.next();
            long due =
                    wallStart + (long) ((e.atMicros() - startMicros) * 1_000d / config.timeScale());
            if (!waitUntil(due)) {
                break;
            }
            try {
                deliver(e);
            } catch (RuntimeException ex) {
                // A failing consumer must not stop the traffic; it is counted and logged.
                sinkErrors.incrementAndGet();
                LOG.warn("simulator consumer failed: {}", ex.toString());
                LOG.debug("failed on {}", e, ex);
            }
        }
        LOG.info("traffic simulator stopped: {}", stats());
    }

    /** Waits until the monotonic clock reaches {@code dueNanos}; false when stopped meanwhile. */
    private boolean waitUntil(long dueNanos) {
        synchronized (lock) {
            while (running) {
                long left = dueNanos - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }
    }

    private void deliver(Emission e) {
        if (e instanceof Emission.Voice v) {
            voice.accept(v.frame());
            voiceFrames.incrementAndGet();
        } else if (e instanceof Emission.Contact c) {
            sink.contact(c.event());
            contactEvents.incrementAndGet();
        } else if (e instanceof Emission.AgentState a) {
            sink.agent(a.event());
            agentEvents.incrementAndGet();
        } else if (e instanceof Emission.Interaction i) {
            sink.interaction(i.event());
            interactions.incrementAndGet();
        } else if (e instanceof Emission.CallEnded ended) {
            sink.callEnded(ended);
        }
    }
}
