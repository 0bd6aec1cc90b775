package io.ringstream.bridge.ami;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;

/**
 * Turns an Asterisk-Java event back into AMI {@code Key: Value} text for dead letters, because
 * Asterisk-Java does not keep the raw frame. Header names are Asterisk-Java's property names (it
 * reads them back case-insensitively), values are what it parsed: a value it could not parse (a
 * non-numeric Timestamp) is absent, which the dead letter's reason explains.
 */
public final class AmiFrames {
    private static final Set<String> NOT_HEADERS =
            Set.of("getClass", "getSource", "getDateReceived", "getTimestamp", "getPrivilege");

    private AmiFrames() {}

    /** The AMI event name, e.g. {@code QueueCallerJoin}. */
    public static String eventName(ManagerEvent event) {
        if (event instanceof NewChannelEvent) {
            return "Newchannel";
        }
        String simple = event.getClass().getSimpleName();
        return simple.endsWith("Event") ? simple.substring(0, simple.length() - 5) : simple;
    }

    /**
     * The event as an AMI frame: {@code Event}, {@code Privilege} and {@code Timestamp} first, then
     * the other non-null properties by name, ended by an empty line as on the wire.
     */
    public static String reconstruct(ManagerEvent event) {
        StringBuilder sb = new StringBuilder();
        append(sb, "Event", eventName(event));
        append(sb, "Privilege", event.getPrivilege());
        if (event.getTimestamp() != null) {
            append(sb, "Timestamp", AmiTimestamps.canonical(event.getTimestamp()));
        }
        for (Map.Entry<String, String> e : properties(event).entrySet()) {
            append(sb, e.getKey(), e.getValue());
        }
        return sb.append("\r\n").toString();
    }

    /** Several events, one frame after the other. */
    public static String reconstruct(List<? extends ManagerEvent> events) {
        StringBuilder sb = new StringBuilder();
        events.forEach(e -> sb.append(reconstruct(e)));
        return sb.toString();
    }

    private static Map<String, String> properties(ManagerEvent event) {
        Map<String, String> found = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Method m : event.getClass().getMethods()) {
            if (m.getParameterCount() != 0
                    || Modifier.isStatic(m.getModifiers())
                    || NOT_HEADERS.contains(m.getName())) {
                continue;
            }
            String name = propertyName(m.getName());
            if (name == null) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(event);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (value == null
                    || value instanceof Map
                    || value instanceof Collection
                    || value instanceof Date) {
                continue;
            }
            found.putIfAbsent(name, value.toString());
        }
        return found;
    }

    private static String propertyName(String method) {
        if (method.startsWith("get") && method.length() > 3) {
            return method.substring(3);
        }
        if (method.startsWith("is") && method.length() > 2) {
            return method.substring(2);
        }
        return null;
    }

    private static void append(StringBuilder sb, String key, String value) {
        if (value != null) {
            // A value never spans lines in AMI; keep one header per line.
            sb.append(key).append(": ").append(value.replace("\r", " ").replace("\n", " "));
            sb.append("\r\n");
        }
    }
}
