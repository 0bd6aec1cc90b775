package io.ringstream.bridge.ami;

import io.ringstream.bridge.ContactCustomers;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.EventIds;
import io.ringstream.events.Tenants;
import io.ringstream.events.topics.Components;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.asteriskjava.manager.event.AbstractQueueMemberEvent;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberPausedEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;

/**
 * Maps Asterisk-Java manager events to Ringstream events; pure but for the contacts' customers it
 * reads, so every mapping rule is unit tested without a PBX or Kafka.
 *
 * <p><b>Contacts.</b> The contact id is the caller channel's Linkedid (its own Uniqueid for the
 * caller leg). Newchannel and Hangup only count for the caller leg (Linkedid = Uniqueid); agent
 * legs belong to an existing contact and are ignored.
 *
 * <table>
 *   <tr><th>AMI event</th><th>Ringstream event</th></tr>
 *   <tr><td>Newchannel (caller leg)</td><td>ARRIVED</td></tr>
 *   <tr><td>QueueCallerJoin</td><td>QUEUED (attributes position, count)</td></tr>
 *   <tr><td>AgentCalled</td><td>OFFERED (agentId = Interface, attribute memberName)</td></tr>
 *   <tr><td>AgentRingNoAnswer</td><td>OFFER_TIMED_OUT (attribute ringMillis)</td></tr>
 *   <tr><td>AgentConnect</td><td>ANSWERED (waitMillis = HoldTime s × 1000, ringMillis)</td></tr>
 *   <tr><td>AgentComplete</td><td>TALK_ENDED (durationMillis = TalkTime s × 1000, reason)</td></tr>
 *   <tr><td>QueueCallerAbandon</td><td>ABANDONED (waitMillis = HoldTime s × 1000)</td></tr>
 *   <tr><td>QueueCallerLeave</td><td>DEQUEUED</td></tr>
 *   <tr><td>Hangup (caller leg)</td><td>ENDED (reason = Cause-txt, attribute cause)</td></tr>
 * </table>
 *
 * <p><b>Agents.</b> The agent id is the member's Interface. QueueMemberAdded → LOGGED_IN,
 * QueueMemberRemoved → LOGGED_OUT (both for the event's queue), QueueMemberPause(d) → NOT_READY
 * (reason = PausedReason, else "paused") or READY. QueueMemberStatus follows this table:
 *
 * <table>
 *   <tr><th>Paused</th><th>Status (AST_DEVICE_*)</th><th>Agent state</th></tr>
 *   <tr><td>1</td><td>any</td><td>NOT_READY, reason PausedReason or "paused"</td></tr>
 *   <tr><td>0</td><td>1 NOT_INUSE</td><td>READY</td></tr>
 *   <tr><td>0</td><td>2 INUSE, 3 BUSY, 6 RINGING, 7 RINGINUSE, 8 ONHOLD</td><td>BUSY</td></tr>
 *   <tr><td>0</td><td>4 INVALID, 5 UNAVAILABLE</td>
 *       <td>NOT_READY, reason "device invalid" / "device unavailable"</td></tr>
 *   <tr><td>0</td><td>0 UNKNOWN</td><td>ignored: says nothing about the agent</td></tr>
 *   <tr><td>any</td><td>other codes</td><td>dead letter</td></tr>
 * </table>
 *
 * <p><b>Time.</b> eventTime is the AMI {@code Timestamp} (epoch seconds with micros, truncated to
 * ms). Asterisk-Java leaves the timestamp null both when the header is absent and when it is not a
 * number, so the two cannot be told apart: with {@code requireTimestamp} (the default, since
 * Ringstream expects {@code timestampevents=yes}) such an event is a dead letter; without it, the
 * bridge's receive time is used and the event id is no longer stable across replays.
 *
 * <p><b>Ids.</b> {@code EventIds.of("ami", server, uniqueid, event, timestamp, discriminator)},
 * where the discriminator is the member interface or queue, so a replay of the same frames yields
 * the same ids.
 *
 * <p><b>Customers.</b> Every contact event carries the {@code customerId} the bridge knows for its
 * contact ({@link ContactCustomers}, learned from routing-service's route answers), null while it
 * knows none; mapping the contact's ENDED forgets it. {@link #identified} makes the IDENTIFIED
 * event for a newly learned customer.
 *
 * <p>Missing required fields or an event failing its own {@code violations()} yield a dead letter
 * with the frame reconstructed as {@code Key: Value} lines.
 */
public final class AmiEventMapper {
    /** The dead-letter component name. */
    public static final String COMPONENT = Components.BRIDGE;

    private final String serverName;
    private final String source;
    private final boolean requireTimestamp;
    private final ContactCustomers customers;

    /**
     * @param serverName names the PBX in event sources ({@code ami:<serverName>}) and ids
     * @param requireTimestamp reject events without a usable Timestamp instead of using receive
     *     time
     */
    public AmiEventMapper(String serverName, boolean requireTimestamp) {
        this(serverName, requireTimestamp, new ContactCustomers());
    }

    /**
     * @param customers the contacts' customers, stamped on their events; shared with whoever learns
     *     them
     */
    public AmiEventMapper(String serverName, boolean requireTimestamp, ContactCustomers customers) {
        this.serverName = serverName;
        this.source = "ami:" + serverName;
        this.requireTimestamp = requireTimestamp;
        this.customers = customers;
    }

    /**
     * The IDENTIFIED event for a contact whose customer the bridge just learned. Its id derives
     * from the contact and the customer only, so learning the same customer again (a retried route,
     * a restarted bridge) makes a duplicate that consumers drop.
     *
     * @param tenant null for the default tenant
     * @param atMillis when the bridge learned it
     */
    public ContactEvent identified(
            String tenant, String contactId, String customerId, long atMillis) {
        return ContactEvent.builder(ContactEventType.IDENTIFIED, contactId)
                .eventId(EventIds.of("bridge", contactId, "IDENTIFIED", customerId))
                .tenant(tenant == null || tenant.isBlank() ? Tenants.DEFAULT : tenant)
                .channel(Channel.VOICE)
                .eventTime(atMillis)
                .source("bridge:" + serverName)
                .customerId(customerId)
                .build();
    }

    /**
     * @param receivedAtMillis when the bridge received the event: the fallback event time and the
     *     dead letter's failedAt
     */
    public MappingResult map(ManagerEvent event, long receivedAtMillis) {
        String name = AmiFrames.eventName(event);
        try {
            return mapChecked(event, name, receivedAtMillis);
        } catch (MalformedFrame e) {
            return reject(event, name + ": " + e.getMessage(), receivedAtMillis);
        }
    }

    private MappingResult mapChecked(ManagerEvent event, String name, long receivedAt) {
        if (event instanceof NewChannelEvent e) {
            if (!callerLeg(e.getUniqueId(), e.getLinkedid())) {
                return new MappingResult.Ignored(name, "agent or outbound leg of a contact");
            }
            Map<String, String> attrs = new HashMap<>();
            put(attrs, "callerIdNum", e.getCallerIdNum());
            put(attrs, "callerIdName", e.getCallerIdName());
            put(attrs, "channel", e.getChannel());
            put(attrs, "context", e.getContext());
            put(attrs, "exten", e.getExten());
            return contact(
                    contactEvent(ContactEventType.ARRIVED, e, required(e.getUniqueId(), "Uniqueid"))
                            .attributes(attrs),
                    event,
                    receivedAt);
        }
        if (event instanceof QueueCallerJoinEvent e) {
            Map<String, String> attrs = new HashMap<>();
            put(attrs, "position", e.getPosition());
            put(attrs, "count", e.getCount());
            return contact(
                    queueEvent(
                                    ContactEventType.QUEUED,
                                    e,
                                    e.getUniqueId(),
                                    e.getLinkedId(),
                                    e.getQueue())
                            .attributes(attrs),
                    event,
                    receivedAt);
        }
        if (event instanceof AgentCalledEvent e) {
            String agent = required(first(e.getInterface(), e.getAgentCalled()), "Interface");
            Map<String, String> attrs = new HashMap<>();
            put(attrs, "memberName", e.getMemberName());
            put(attrs, "agentChannel", first(e.getDestChannel(), e.getDestinationChannel()));
            return contact(
                    queueEvent(
                                    ContactEventType.OFFERED,
                                    e,
                                    e.getUniqueId(),
                                    e.getLinkedId(),
                                    e.getQueue())
                            .agentId(agent)
                            .attributes(attrs),
                    event,
                    receivedAt,
                    agent);
        }
        if (event instanceof AgentRingNoAnswerEvent e) {
            String agent = required(first(e.getInterface(), e.getMember()), "Interface");
            Map<String, String> attrs = new HashMap<>();
            put(attrs, "memberName", e.getMemberName());
            put(attrs, "ringMillis", e.getRingtime());
            return contact(
                    queueEvent(
                                    ContactEventType.OFFER_TIMED_OUT,
                                    e,
                                    e.getUniqueId(),
                                    e.getLinkedId(),
                                    e.getQueue())
                            .agentId(agent)
                            .attributes(attrs),
                    event,
                    receivedAt,
                    agent);
        }
        if (event instanceof AgentConnectEvent e) {
            String agent = required(first(e.getInterface(), e.getMember()), "Interface");
            long holdSeconds = required(e.getHoldTime(), "HoldTime");
            Map<String, String> attrs = new HashMap<>();
            put(attrs, "memberName", e.getMemberName());
            put(attrs, "ringMillis", e.getRingtime());
            return contact(
                    queueEvent(
                                    ContactEventType.ANSWERED,
                                    e,
                                    e.getUniqueId(),
                                    e.getLinkedId(),
                                    e.getQueue())
                            .agentId(agent)
                            .waitMillis(holdSeconds * 1_000L)
                            .attributes(attrs),
                    event,
                    receivedAt,
                    agent);
        }
        if (event instanceof AgentCompleteEvent e) {
            String agent = required(first(e.getInterface(), e.getMember()), "Interface");
            long talkSeconds = required(e.getTalkTime(), "TalkTime");
            Map<String, String> attrs = new HashMap<>();
            put(attrs, "memberName", e.getMemberName());
            put(attrs, "holdMillis", e.getHoldTime() == null ? null : e.getHoldTime() * 1_000L);
            return contact(
                    queueEvent(
                                    ContactEventType.TALK_ENDED,
                                    e,
                                    e.getUniqueId(),
                                    e.getLinkedId(),
                                    e.getQueue())
                            .agentId(agent)
                            .durationMillis(talkSeconds * 1_000L)
                            .reason(e.getReason())
                            .attributes(attrs),
                    event,
                    receivedAt,
                    agent);
        }
        if (event instanceof QueueCallerAbandonEvent e) {
            int holdSeconds = required(e.getHoldTime(), "HoldTime");
            Map<String, String> attrs = new HashMap<>();
            put(attrs, "position", e.getPosition());
            put(attrs, "originalPosition", e.getOriginalPosition());
            return contact(
                    queueEvent(
                                    ContactEventType.ABANDONED,
                                    e,
                                    e.getUniqueId(),
                                    e.getLinkedId(),
                                    e.getQueue())
                            .waitMillis(holdSeconds * 1_000L)
                            .attributes(attrs),
                    event,
                    receivedAt);
        }
        if (event instanceof QueueCallerLeaveEvent e) {
            Map<String, String> attrs = new HashMap<>();
            put(attrs, "position", e.getPosition());
            put(attrs, "count", e.getCount());
            return contact(
                    queueEvent(
                                    ContactEventType.DEQUEUED,
                                    e,
                                    e.getUniqueId(),
                                    e.getLinkedId(),
                                    e.getQueue())
                            .attributes(attrs),
                    event,
                    receivedAt);
        }
        if (event instanceof HangupEvent e) {
            if (!callerLeg(e.getUniqueId(), e.getLinkedId())) {
                return new MappingResult.Ignored(name, "agent or outbound leg of a contact");
            }
            String uniqueid = required(e.getUniqueId(), "Uniqueid");
            String reason =
                    e.getCauseTxt() != null && !e.getCauseTxt().isBlank()
                            ? e.getCauseTxt()
                            : e.getCause() == null ? null : "cause " + e.getCause();
            Map<String, String> attrs = new HashMap<>();
            put(attrs, "cause", e.getCause());
            return contact(
                    contactEvent(ContactEventType.ENDED, e, uniqueid)
                            .reason(reason)
                            .attributes(attrs),
                    event,
                    receivedAt);
        }
        if (event instanceof QueueMemberAddedEvent e) {
            return agent(
                    AgentEventType.LOGGED_IN,
                    e,
                    null,
                    memberAttrs(e.getMemberName(), e.getPaused()),
                    event,
                    receivedAt);
        }
        if (event instanceof QueueMemberRemovedEvent e) {
            return agent(
                    AgentEventType.LOGGED_OUT,
                    e,
                    null,
                    memberAttrs(e.getMemberName(), null),
                    event,
                    receivedAt);
        }
        if (event instanceof QueueMemberPausedEvent e) {
            // Asterisk 12+ sends QueueMemberPause (a subclass), older ones QueueMemberPaused.
            boolean paused = required(e.getPaused(), "Paused");
            String reason =
                    first(
                            e instanceof QueueMemberPauseEvent p ? p.getPausedreason() : null,
                            e.getPausedReason(),
                            e.getReason());
            return paused
                    ? agent(
                            AgentEventType.NOT_READY,
                            e,
                            first(reason, "paused"),
                            memberAttrs(e.getMemberName(), true),
                            event,
                            receivedAt)
                    : agent(
                            AgentEventType.READY,
                            e,
                            null,
                            memberAttrs(e.getMemberName(), false),
                            event,
                            receivedAt);
        }
        if (event instanceof QueueMemberStatusEvent e) {
            return memberStatus(e, name, event, receivedAt);
        }
        return new MappingResult.Ignored(name, "not a queue or contact event");
    }

    private MappingResult memberStatus(
            QueueMemberStatusEvent e, String name, ManagerEvent event, long receivedAt) {
        required(e.getQueue(), "Queue");
        required(e.getInterface(), "Interface");
        int status = required(e.getStatus(), "Status");
        Map<String, String> attrs = memberAttrs(e.getMemberName(), e.getPaused());
        attrs.put("deviceStatus", Integer.toString(status));
        if (Boolean.TRUE.equals(e.getPaused())) {
            return agent(
                    AgentEventType.NOT_READY,
                    e.getQueue(),
                    e.getInterface(),
                    first(e.getPausedreason(), "paused"),
                    attrs,
                    event,
                    receivedAt);
        }
        AgentEventType type;
        String reason = null;
        switch (status) {
            case 0:
                return new MappingResult.Ignored(name, "device state unknown");
            case 1:
                type = AgentEventType.READY;
                break;
            case 2, 3, 6, 7, 8:
                type = AgentEventType.BUSY;
                break;
            case 4:
                type = AgentEventType.NOT_READY;
                reason = "device invalid";
                break;
            case 5:
                type = AgentEventType.NOT_READY;
                reason = "device unavailable";
                break;
            default:
                throw new MalformedFrame("unknown Status " + status);
        }
        return agent(type, e.getQueue(), e.getInterface(), reason, attrs, event, receivedAt);
    }

    private ContactEvent.Builder queueEvent(
            ContactEventType type, ManagerEvent e, String uniqueid, String linkedid, String queue) {
        required(queue, "Queue");
        String caller = required(uniqueid, "Uniqueid");
        String contactId = linkedid == null || linkedid.isBlank() ? caller : linkedid;
        return contactEvent(type, e, contactId).queue(queue);
    }

    private ContactEvent.Builder contactEvent(
            ContactEventType type, ManagerEvent e, String contactId) {
        return ContactEvent.builder(type, contactId)
                .channel(Channel.VOICE)
                .source(source)
                .tenant(Tenants.DEFAULT);
    }

    private MappingResult contact(
            ContactEvent.Builder builder, ManagerEvent event, long receivedAt) {
        return contact(builder, event, receivedAt, null);
    }

    /**
     * Completes the event: time, then the id from the contact, the AMI event and the discriminator
     * (the agent interface for offers, else the queue); checks its violations.
     */
    private MappingResult contact(
            ContactEvent.Builder builder,
            ManagerEvent event,
            long receivedAt,
            String discriminator) {
        ContactEvent draft = builder.eventTime(eventTime(event, receivedAt)).build();
        builder.customerId(customers.customerOf(draft.contactId()));
        builder.eventId(
                eventId(
                        event,
                        draft.contactId(),
                        receivedAt,
                        discriminator != null ? discriminator : draft.queue()));
        ContactEvent result = builder.build();
        List<String> violations = result.violations();
        if (!violations.isEmpty()) {
            return reject(
                    event, "invalid ContactEvent: " + String.join("; ", violations), receivedAt);
        }
        if (result.type() == ContactEventType.ENDED) {
            customers.forget(result.contactId());
        }
        return new MappingResult.Contact(result);
    }

    private MappingResult agent(
            AgentEventType type,
            AbstractQueueMemberEvent e,
            String reason,
            Map<String, String> attrs,
            ManagerEvent event,
            long receivedAt) {
        return agent(type, e.getQueue(), e.getInterface(), reason, attrs, event, receivedAt);
    }

    private MappingResult agent(
            AgentEventType type,
            String queue,
            String iface,
            String reason,
            Map<String, String> attrs,
            ManagerEvent event,
            long receivedAt) {
        required(queue, "Queue");
        required(iface, "Interface");
        long eventTime = eventTime(event, receivedAt);
        AgentEvent result =
                new AgentEvent(
                        1,
                        eventId(event, iface, receivedAt, queue),
                        type,
                        Tenants.DEFAULT,
                        iface,
                        eventTime,
                        source,
                        queue,
                        reason,
                        Map.of(),
                        attrs);
        List<String> violations = result.violations();
        if (!violations.isEmpty()) {
            return reject(
                    event, "invalid AgentEvent: " + String.join("; ", violations), receivedAt);
        }
        return new MappingResult.Agent(result);
    }

    private long eventTime(ManagerEvent event, long receivedAt) {
        Double ts = event.getTimestamp();
        if (ts == null) {
            if (requireTimestamp) {
                throw new MalformedFrame(
                        "Timestamp is missing or not a number (expected epoch seconds with"
                                + " microseconds; set timestampevents=yes in manager.conf)");
            }
            return receivedAt;
        }
        if (!Double.isFinite(ts) || ts <= 0) {
            throw new MalformedFrame("Timestamp " + ts + " is not epoch seconds");
        }
        return AmiTimestamps.toMillis(ts);
    }

    private String eventId(
            ManagerEvent event, String identity, long receivedAt, String discriminator) {
        Double ts = event.getTimestamp();
        String when = ts == null ? "rx:" + receivedAt : AmiTimestamps.canonical(ts);
        return EventIds.of(
                "ami",
                serverName,
                identity,
                AmiFrames.eventName(event),
                when,
                discriminator == null ? "" : discriminator);
    }

    private MappingResult reject(ManagerEvent event, String reason, long receivedAt) {
        return new MappingResult.Rejected(
                DeadLetter.fromFrame(
                        reason,
                        COMPONENT,
                        DeadLetter.Origin.AMI,
                        AmiFrames.reconstruct(event),
                        receivedAt));
    }

    private static boolean callerLeg(String uniqueid, String linkedid) {
        return linkedid == null || linkedid.isBlank() || linkedid.equals(uniqueid);
    }

    private static Map<String, String> memberAttrs(String memberName, Boolean paused) {
        Map<String, String> attrs = new HashMap<>();
        put(attrs, "memberName", memberName);
        put(attrs, "paused", paused);
        return attrs;
    }

    private static void put(Map<String, String> attrs, String key, Object value) {
        if (value != null && !value.toString().isBlank()) {
            attrs.put(key, value.toString());
        }
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null && !(v instanceof String s && s.isBlank())) {
                return v;
            }
        }
        return null;
    }

    private static <T> T required(T value, String header) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new MalformedFrame(header + " is missing");
        }
        return value;
    }

    /** A required header is missing or unusable; becomes the dead letter's reason. */
    private static final class MalformedFrame extends RuntimeException {
        MalformedFrame(String reason) {
            super(reason, null, false, false);
        }
    }
}
