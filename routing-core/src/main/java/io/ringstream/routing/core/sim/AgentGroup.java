package io.ringstream.routing.core.sim;

import io.ringstream.events.Channel;
import io.ringstream.routing.core.AgentProfile;
import java.util.Map;
import java.util.Set;

/**
 * Agents who share a profile, and the share of the total staff they make up when a simulation is
 * scaled to a given head count.
 */
public record AgentGroup(
        String name,
        double share,
        Map<String, Integer> skills,
        Set<String> languages,
        Map<Channel, Integer> capacity,
        Set<String> queues) {

    public AgentProfile profile(int index) {
        return new AgentProfile(name + "-" + index, skills, languages, capacity, queues, 1);
    }
}
