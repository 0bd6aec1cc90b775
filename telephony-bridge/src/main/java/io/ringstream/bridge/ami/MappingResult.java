package io.ringstream.bridge.ami;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;

/** What one AMI event became: a contact or agent event, a dead letter, or nothing of interest. */
public sealed interface MappingResult {

    /** Goes to {@code contact-events}. */
    record Contact(ContactEvent event) implements MappingResult {}

    /** Goes to {@code agent-events}. */
    record Agent(AgentEvent event) implements MappingResult {}

    /** Goes to {@code dead-letters}: the frame was malformed or the event invalid. */
    record Rejected(DeadLetter deadLetter) implements MappingResult {}

    /**
     * Not a contact or agent change (other AMI events, agent call legs); counted, not published.
     */
    record Ignored(String eventName, String why) implements MappingResult {}
}
