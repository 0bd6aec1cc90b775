package io.ringstream.routing.core;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Argument checks shared by the routing records, so bad input fails where it is built. */
final class Checks {
    private Checks() {}

    static String id(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static int range(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be in " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    static Map<String, Integer> levels(Map<String, Integer> levels, String name) {
        if (levels == null) {
            return Map.of();
        }
        levels.forEach(
                (skill, level) -> {
                    id(skill, name + " key");
                    if (level == null) {
                        throw new IllegalArgumentException(name + " " + skill + " has no level");
                    }
                    range(level, 1, 5, name + " " + skill);
                });
        return Map.copyOf(levels);
    }

    static <T> Set<T> set(Set<T> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
