package io.ringstream.routing.core;

import io.ringstream.events.Channel;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * What routing knows about an agent who logs in: skills with proficiency 1..5, spoken languages,
 * how many contacts of each channel they can hold at once, the queues they serve and a seniority
 * used by the "prefer senior" hint.
 *
 * <p>Capacity is per channel (e.g. VOICE=1, CHAT=3); a channel missing from the map means zero.
 * Voice is exclusive: a voice contact (offered or active) blocks every other channel, and a voice
 * contact is only offered to an agent with no other work, as in TaskRouter multitasking.
 */
public record AgentProfile(
        String agentId,
        Map<String, Integer> skills,
        Set<String> languages,
        Map<Channel, Integer> capacity,
        Set<String> queues,
        int seniority)
        implements Serializable {

    public AgentProfile {
        Checks.id(agentId, "agentId");
        skills = Checks.levels(skills, "skill");
        languages = Checks.set(languages);
        queues = Checks.set(queues);
        Map<Channel, Integer> caps = new EnumMap<>(Channel.class);
        if (capacity != null) {
            capacity.forEach(
                    (channel, n) -> {
                        if (channel == null || n == null || n < 0) {
                            throw new IllegalArgumentException(
                                    "capacity must map channels to counts >= 0");
                        }
                        caps.put(channel, n);
                    });
        }
        capacity = Map.copyOf(caps);
        Checks.range(seniority, 1, 5, "seniority");
    }

    /** A single-skill voice agent of one queue, the shape most tests and simulations need. */
    public static AgentProfile voice(String agentId, String queue, String skill, int proficiency) {
        return new AgentProfile(
                agentId,
                Map.of(skill, proficiency),
                Set.of(),
                Map.of(Channel.VOICE, 1),
                Set.of(queue),
                1);
    }

    public int proficiency(String skill) {
        return skills.getOrDefault(skill, 0);
    }

    public int capacity(Channel channel) {
        return capacity.getOrDefault(channel, 0);
    }
}
