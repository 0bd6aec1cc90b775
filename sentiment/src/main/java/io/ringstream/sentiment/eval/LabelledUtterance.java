package io.ringstream.sentiment.eval;

import io.ringstream.sentiment.Polarity;

/**
 * One line of an evaluation set: what was said, in which language, and how a person labelled it.
 *
 * @param channel {@code chat} or {@code call} when the set says so, else empty
 * @param topic e.g. {@code billing}, when the set says so, else empty
 * @param split {@code dev} (its errors guided the lexicons' second version), {@code test} (held out
 *     from that), {@code fresh} (written after the lexicons were frozen), when the set says so
 */
public record LabelledUtterance(
        String text, Polarity label, String language, String channel, String topic, String split) {}
