package io.ringstream.customers.model;

import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The small normalisations the model's records share, so each field is cleaned one way. */
final class Fields {
    static final Pattern TOKEN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private Fields() {}

    /** Trimmed, and null when blank: an empty optional text is an absent one. */
    static String optional(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        return s.isEmpty() ? null : s;
    }

    /** Trimmed and lower-cased, null when blank. */
    static String token(String text) {
        String s = optional(text);
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    static SortedSet<String> tags(Iterable<String> tags, Violations v) {
        TreeSet<String> out = new TreeSet<>();
        if (tags == null) {
            return out;
        }
        for (String tag : tags) {
            String t = token(tag);
            if (t == null) {
                v.add("tags are not blank");
            } else if (t.length() > Customer.MAX_TAG_LENGTH) {
                v.add("a tag has at most " + Customer.MAX_TAG_LENGTH + " characters");
            } else {
                out.add(t);
            }
        }
        return out;
    }

    static SortedMap<String, String> attributes(Map<String, String> attributes, Violations v) {
        TreeMap<String, String> out = new TreeMap<>();
        if (attributes == null) {
            return out;
        }
        attributes.forEach(
                (key, value) -> {
                    String k = optional(key);
                    if (k == null) {
                        v.add("attribute names are not blank");
                    } else if (k.length() > Customer.MAX_ATTRIBUTE_NAME) {
                        v.add(
                                "attribute '"
                                        + k
                                        + "' has a name over "
                                        + Customer.MAX_ATTRIBUTE_NAME
                                        + " characters");
                    } else if (value == null) {
                        v.add("attribute '" + k + "' has a value");
                    } else if (value.length() > Customer.MAX_ATTRIBUTE_VALUE) {
                        v.add(
                                "attribute '"
                                        + k
                                        + "' has at most "
                                        + Customer.MAX_ATTRIBUTE_VALUE
                                        + " characters");
                    } else if (out.put(k, value) != null) {
                        v.add("attribute '" + k + "' is given twice");
                    }
                });
        return out;
    }

    /** A BCP 47 language tag in its canonical form ({@code es-ES}), or null when absent. */
    static String language(String tag, Violations v) {
        String t = optional(tag);
        if (t == null) {
            return null;
        }
        Locale locale = Locale.forLanguageTag(t.replace('_', '-'));
        String canonical = locale.toLanguageTag();
        if (locale.getLanguage().isEmpty() || "und".equals(canonical)) {
            v.add("preferredLanguage '" + t + "' is not a language tag such as en or es-ES");
            return t;
        }
        return canonical;
    }
}
