package io.ringstream.routing.core;

import io.ringstream.events.Channel;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Routing's mutable record of one logged-in agent. Lives from login to logout; reservations and
 * active contacts are counted per channel so capacity checks need no scan.
 */
final class AgentRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    AgentProfile profile;
    boolean ready;
    String notReadyReason;

    /** Epoch millis at which wrap-up ends; 0 when not wrapping up. */
    long wrapUpUntil;

    /** When the agent last became free of work or ready: the "idle since" of longest-idle. */
    long idleSince;

    /** Contacts accepted since login (FEWEST_CONTACTS). */
    int handled;

    /** Consecutive offers that timed out; reset on accept and on ready. */
    int misses;

    /** Offers pending plus contacts active, per channel ordinal. */
    final int[] load = new int[Channel.values().length];

    int totalLoad;
    final Set<String> pendingOffers = new LinkedHashSet<>();
    final Set<String> activeContacts = new LinkedHashSet<>();
    AgentState shownState = AgentState.OFFLINE;
    String shownReason = "";

    // What RoutingIndex filed this agent under; rebuilt after deserialization.
    transient Set<String> indexedQueues;
    transient boolean indexedFree;
    transient Keys.TimeKey indexedWrapUp;

    AgentRecord(AgentProfile profile, long now) {
        this.profile = profile;
        this.ready = false;
        this.notReadyReason = "logged in";
        this.idleSince = now;
    }

    String id() {
        return profile.agentId();
    }

    void addLoad(Channel channel) {
        load[channel.ordinal()]++;
        totalLoad++;
    }

    void removeLoad(Channel channel) {
        if (load[channel.ordinal()] > 0) {
            load[channel.ordinal()]--;
            totalLoad--;
        }
    }

    boolean inWrapUp(long now) {
        return wrapUpUntil > now;
    }

    /** Null when the agent can take one more contact of {@code channel} now, else why not. */
    String capacityProblem(Channel channel, long now) {
        if (!ready && totalLoad == 0) {
            return "not ready: " + notReadyReason;
        }
        if (!ready) {
            return "not ready after current work: " + notReadyReason;
        }
        if (inWrapUp(now)) {
            return "wrap-up";
        }
        int cap = profile.capacity(channel);
        if (cap == 0) {
            return "no " + channel + " capacity";
        }
        if (channel == Channel.VOICE ? totalLoad > 0 : load[Channel.VOICE.ordinal()] > 0) {
            return "busy on " + (totalLoad > load[channel.ordinal()] ? "another channel" : channel);
        }
        if (load[channel.ordinal()] >= cap) {
            return channel + " capacity " + cap + " in use";
        }
        return null;
    }

    /** The allocation-free twin of {@link #capacityProblem}: may the agent take one more now? */
    boolean canTake(Channel channel, long now) {
        if (!ready || inWrapUp(now)) {
            return false;
        }
        int cap = profile.capacity(channel);
        if (cap == 0) {
            return false;
        }
        if (channel == Channel.VOICE ? totalLoad > 0 : load[Channel.VOICE.ordinal()] > 0) {
            return false;
        }
        return load[channel.ordinal()] < cap;
    }

    /** Whether the agent could take some contact on some channel now (index membership). */
    boolean hasFreeCapacity(long now) {
        if (!ready || inWrapUp(now)) {
            return false;
        }
        for (Channel c : profile.capacity().keySet()) {
            if (canTake(c, now)) {
                return true;
            }
        }
        return false;
    }

    AgentState state(long now) {
        if (inWrapUp(now)) {
            return AgentState.WRAP_UP;
        }
        if (!pendingOffers.isEmpty()) {
            return AgentState.RESERVED;
        }
        if (!activeContacts.isEmpty()) {
            return AgentState.BUSY;
        }
        return ready ? AgentState.AVAILABLE : AgentState.NOT_READY;
    }

    String reason(long now) {
        AgentState s = state(now);
        if (s == AgentState.NOT_READY) {
            return notReadyReason;
        }
        return "";
    }
}
