package io.ringstream.routing.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything routing must not lose for one tenant: logged-in agents, contacts not yet ended,
 * pending offers, round-robin positions, recent handle times and the random generator.
 * Java-serializable so the Flink job can keep it in keyed state and restore it from a checkpoint.
 *
 * <p>Maps are ordered (TreeMap / LinkedHashMap) so that iteration, and therefore every decision, is
 * the same after a restore.
 */
public final class RoutingState implements Serializable {
    private static final long serialVersionUID = 1L;

    final Map<String, AgentRecord> agents = new HashMap<>();
    final Map<String, ContactRecord> contacts = new LinkedHashMap<>();
    final Map<String, Offer> offers = new LinkedHashMap<>();
    final Map<String, String> lastRoundRobin = new HashMap<>();

    /** Smoothed handle time (talk + wrap-up) per queue, in millis; feeds the wait estimator. */
    final Map<String, Double> handleTimeMillis = new HashMap<>();

    long random;
    long seq;

    /** The latest time any input carried; time never runs backwards inside the engine. */
    long now;

    public RoutingState() {}

    RoutingState(long seed) {
        this.random = seed;
    }

    /** Logged-in agents. */
    public int agentCount() {
        return agents.size();
    }

    /** Contacts queued, offered or being handled. */
    public int contactCount() {
        return contacts.size();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static RoutingState fromBytes(byte[] data) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            return (RoutingState) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("routing state from an incompatible version", e);
        }
    }

    /** SplitMix64: tiny, seedable and serializable, unlike SplittableRandom. */
    long nextRandom() {
        long z = (random += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    int nextInt(int bound) {
        return (int) Math.floorMod(nextRandom(), (long) bound);
    }
}
