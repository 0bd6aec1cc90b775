package io.ringstream.channels.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of a provider's webhook JSON with a path in every complaint ({@code
 * entry[0].changes[1].value.messages[0].id is missing}), so a dead-lettered delivery says exactly
 * what was wrong, and so the parsers never touch a null node.
 */
public final class JsonFields {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFields() {}

    /** The body as a JSON tree; not JSON (or empty) is malformed. */
    public static JsonNode parse(byte[] body) throws MalformedPayloadException {
        if (body == null || body.length == 0) {
            throw new MalformedPayloadException("the body is empty");
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new MalformedPayloadException("the body is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new MalformedPayloadException(
                    "the body is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedPayloadException("the body could not be read as JSON", e);
        }
    }

    /** A required object field. */
    public static JsonNode object(JsonNode node, String field, String path)
            throws MalformedPayloadException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw missing(path, field);
        }
        if (!value.isObject()) {
            throw new MalformedPayloadException(path + "." + field + " is not an object");
        }
        return value;
    }

    /** An optional object field, or null. */
    public static JsonNode optionalObject(JsonNode node, String field, String path)
            throws MalformedPayloadException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new MalformedPayloadException(path + "." + field + " is not an object");
        }
        return value;
    }

    /** A required array field's elements, each required to be an object. */
    public static List<JsonNode> objects(JsonNode node, String field, String path)
            throws MalformedPayloadException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw missing(path, field);
        }
        return elements(value, path + "." + field);
    }

    /** An optional array field's elements (empty when absent), each required to be an object. */
    public static List<JsonNode> optionalObjects(JsonNode node, String field, String path)
            throws MalformedPayloadException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        return elements(value, path + "." + field);
    }

    private static List<JsonNode> elements(JsonNode array, String path)
            throws MalformedPayloadException {
        if (!array.isArray()) {
            throw new MalformedPayloadException(path + " is not an array");
        }
        List<JsonNode> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isObject()) {
                throw new MalformedPayloadException(path + "[" + i + "] is not an object");
            }
            out.add(array.get(i));
        }
        return out;
    }

    /**
     * A required, non-empty text field. A JSON number is accepted as its decimal text, because Meta
     * sends some ids and timestamps as numbers in one product and strings in another.
     */
    public static String text(JsonNode node, String field, String path)
            throws MalformedPayloadException {
        String value = optionalText(node, field, path);
        if (value == null || value.isEmpty()) {
            throw missing(path, field);
        }
        return value;
    }

    /** An optional text field (or a number as text), or null. */
    public static String optionalText(JsonNode node, String field, String path)
            throws MalformedPayloadException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        throw new MalformedPayloadException(path + "." + field + " is not a string");
    }

    /** A required whole number, given as a JSON number or as a string of digits. */
    public static long wholeNumber(JsonNode node, String field, String path)
            throws MalformedPayloadException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw missing(path, field);
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().strip());
            } catch (NumberFormatException e) {
                // fall through to the complaint
            }
        }
        throw new MalformedPayloadException(path + "." + field + " is not a whole number");
    }

    /** An optional boolean field; false when absent. */
    public static boolean flag(JsonNode node, String field, String path)
            throws MalformedPayloadException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new MalformedPayloadException(path + "." + field + " is not a boolean");
        }
        return value.booleanValue();
    }

    private static MalformedPayloadException missing(String path, String field) {
        return new MalformedPayloadException(path + "." + field + " is missing");
    }
}
