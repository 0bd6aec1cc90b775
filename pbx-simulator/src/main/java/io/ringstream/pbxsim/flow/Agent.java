package io.ringstream.pbxsim.flow;

import java.util.List;

/**
 * A queue member as app_queue knows it: the interface it dials and the display name.
 *
 * @param iface the dialled interface, e.g. {@code PJSIP/1001}; the bridge uses it as agent id
 * @param memberName the MemberName shown in queue events
 * @param queues the queues this member belongs to (member status events go to each)
 */
public record Agent(String iface, String memberName, List<String> queues) {
    public Agent {
        queues = List.copyOf(queues);
    }

    public static Agent of(String iface, String memberName, String... queues) {
        return new Agent(iface, memberName, List.of(queues));
    }
}
