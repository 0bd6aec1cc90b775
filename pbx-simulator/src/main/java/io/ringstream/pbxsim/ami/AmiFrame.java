package io.ringstream.pbxsim.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One AMI message (action, response or event) as ordered {@code Key: Value} headers, because AMI
 * allows repeated keys (Variable, Output) and peers expect the order Asterisk uses.
 */
public final class AmiFrame {

    /** One {@code Key: Value} line. */
    public record Header(String key, String value) {
        public Header {
            Objects.requireNonNull(key, "key");
            value = value == null ? "" : value;
        }
    }

    private final List<Header> headers;

    private AmiFrame(List<Header> headers) {
        this.headers = List.copyOf(headers);
    }

    public static AmiFrame of(List<Header> headers) {
        return new AmiFrame(headers);
    }

    /** A frame with the headers in the map's iteration order (use a LinkedHashMap). */
    public static AmiFrame of(Map<String, String> headers) {
        List<Header> list = new ArrayList<>();
        headers.forEach((k, v) -> list.add(new Header(k, v)));
        return new AmiFrame(list);
    }

    /** Starts an event frame: its first header is {@code Event: name}. */
    public static Builder event(String name) {
        return new Builder().add("Event", name);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Header> headers() {
        return headers;
    }

    /** The first value of {@code key}, compared case-insensitively as Asterisk does; or null. */
    public String get(String key) {
        for (Header h : headers) {
            if (h.key().equalsIgnoreCase(key)) {
                return h.value();
            }
        }
        return null;
    }

    public List<String> getAll(String key) {
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (h.key().equalsIgnoreCase(key)) {
                values.add(h.value());
            }
        }
        return values;
    }

    public boolean has(String key) {
        return get(key) != null;
    }

    /** The {@code Event} header, or null for actions and responses. */
    public String eventName() {
        return get("Event");
    }

    /** A copy where the first {@code key} has {@code value}; appended when absent. */
    public AmiFrame with(String key, String value) {
        List<Header> copy = new ArrayList<>(headers);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).key().equalsIgnoreCase(key)) {
                copy.set(i, new Header(copy.get(i).key(), value));
                return new AmiFrame(copy);
            }
        }
        copy.add(new Header(key, value));
        return new AmiFrame(copy);
    }

    /** A copy without any {@code key} header. */
    public AmiFrame without(String key) {
        List<Header> copy = new ArrayList<>();
        for (Header h : headers) {
            if (!h.key().equalsIgnoreCase(key)) {
                copy.add(h);
            }
        }
        return new AmiFrame(copy);
    }

    /** The wire form: {@code Key: Value\r\n} per header and an empty line that ends the frame. */
    public String toWire() {
        StringBuilder sb = new StringBuilder();
        for (Header h : headers) {
            sb.append(h.key()).append(": ").append(h.value()).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    /**
     * Parses the lines of one frame (without the terminating empty line). Lines without a colon
     * carry no header and are skipped, as Asterisk-Java's reader does.
     */
    public static AmiFrame parse(List<String> lines) {
        List<Header> list = new ArrayList<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            list.add(new Header(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        return new AmiFrame(list);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmiFrame other && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        return "AmiFrame[" + toWire().replace("\r\n", "; ").trim() + "]";
    }

    /** Collects headers in order. */
    public static final class Builder {
        private final List<Header> headers = new ArrayList<>();

        private Builder() {}

        public Builder add(String key, String value) {
            headers.add(new Header(key, value));
            return this;
        }

        public Builder add(String key, long value) {
            return add(key, Long.toString(value));
        }

        public Builder addAll(List<Header> more) {
            headers.addAll(more);
            return this;
        }

        public AmiFrame build() {
            return new AmiFrame(headers);
        }
    }
}
