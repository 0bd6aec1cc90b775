package io.ringstream.sentiment.job;

import static io.ringstream.flink.kit.runtime.ConfigChecks.requireDuration;

import io.ringstream.flink.kit.runtime.JobVariables;
import io.ringstream.flink.kit.time.EventTime;
import io.ringstream.sentiment.ModelAssignment;
import io.ringstream.sentiment.SentimentScorer;
import io.ringstream.sentiment.SharedModels;
import io.ringstream.sentiment.rolling.AlertPolicy;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the sentiment job scores, rolls up and alerts.
 *
 * @param scoring which model scores which language, and the scoring operator's threads and limits
 * @param policy rolling-score smoothing and alert rules
 * @param eventTime out-of-orderness and partition idleness (watermarks drive only state cleanup)
 * @param lingerAfterEnd a conversation's state outlives its contact's ENDED event by this much
 *     event time, so late transcript segments still count (2 min)
 * @param inactivityTimeout state of conversations with no ENDED is dropped after this much event
 *     time without an utterance or contact event (2 h)
 * @param alertMaxAge an alert whose utterance is older than this (processing time minus event time,
 *     e.g. when a new job re-reads the topic) is stored but not pushed to supervisors (15 min)
 * @param agentDay how often changed {@code agent_sentiment_days} rows are written (5 s of
 *     processing time) and how long after a UTC day's end its timeline points still count (10 min
 *     of event time; later ones are dropped from that table only)
 */
public record SentimentSettings(
        Scoring scoring,
        AlertPolicy policy,
        EventTime eventTime,
        Duration lingerAfterEnd,
        Duration inactivityTimeout,
        Duration alertMaxAge,
        AgentDay agentDay)
        implements Serializable {

    /**
     * How {@code agent_sentiment_days} is kept.
     *
     * @param refresh changed agents' rows are written at most this often (processing time)
     * @param lateness a day's state is kept this long after its end (event time)
     */
    public record AgentDay(Duration refresh, Duration lateness) implements Serializable {
        public AgentDay {
            requireDuration(refresh, "agentDay refresh", false);
            requireDuration(lateness, "agentDay lateness", true);
        }

        public static final AgentDay DEFAULT =
                new AgentDay(Duration.ofSeconds(5), Duration.ofMinutes(10));
    }

    public static final String ENV_MODELS = "RINGSTREAM_SENTIMENT_MODELS";
    public static final String ENV_THRESHOLD = "RINGSTREAM_SENTIMENT_THRESHOLD";
    public static final String ENV_DROP = "RINGSTREAM_SENTIMENT_DROP";
    public static final String ENV_THREADS = "RINGSTREAM_SENTIMENT_THREADS";

    /**
     * The scoring operator's knobs.
     *
     * @param models which model scores which language, e.g. {@code en=corenlp,es=lexicon-es}
     * @param threads threads per scoring operator instance; models are shared per JVM
     * @param asyncCapacity utterances in flight per operator instance (back-pressure beyond)
     * @param timeout an utterance not scored within this is stored unscored ("timed out")
     * @param maxChars longer utterances are cut to this many characters before scoring
     */
    public record Scoring(
            String models, int threads, int asyncCapacity, Duration timeout, int maxChars)
            implements Serializable {

        public Scoring {
            // Fail at configuration time, not when a task manager opens the scoring operator.
            ModelAssignment.parse(models)
                    .forEach(
                            (language, spec) -> {
                                if (!SharedModels.isKnownSpec(spec)) {
                                    throw new IllegalArgumentException(
                                            "unknown sentiment model '"
                                                    + spec
                                                    + "' for "
                                                    + language
                                                    + ": use corenlp, lexicon-es, lexicon-en or"
                                                    + " djl:/model/dir");
                                }
                            });
            if (threads < 1 || asyncCapacity < 1 || maxChars < 1) {
                throw new IllegalArgumentException(
                        "scoring threads, asyncCapacity and maxChars must be positive");
            }
            requireDuration(timeout, "scoring timeout", false);
        }

        public Scoring withModels(String assignment) {
            return new Scoring(assignment, threads, asyncCapacity, timeout, maxChars);
        }

        public Scoring withThreads(int newThreads) {
            return new Scoring(models, newThreads, asyncCapacity, timeout, maxChars);
        }

        /** Language → model spec. */
        public Map<String, String> assignment() {
            return ModelAssignment.parse(models);
        }
    }

    public SentimentSettings {
        Objects.requireNonNull(scoring, "scoring");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(eventTime, "eventTime");
        requireDuration(lingerAfterEnd, "lingerAfterEnd", true);
        requireDuration(inactivityTimeout, "inactivityTimeout", false);
        requireDuration(alertMaxAge, "alertMaxAge", false);
        Objects.requireNonNull(agentDay, "agentDay");
    }

    /** CoreNLP for English, the lexicon model for Spanish, {@link AlertPolicy#DEFAULT}. */
    public static SentimentSettings defaults() {
        return new SentimentSettings(
                new Scoring(
                        ModelAssignment.DEFAULT,
                        2,
                        100,
                        Duration.ofSeconds(30),
                        SentimentScorer.DEFAULT_MAX_CHARS),
                AlertPolicy.DEFAULT,
                EventTime.DEFAULT,
                Duration.ofMinutes(2),
                Duration.ofHours(2),
                Duration.ofMinutes(15),
                AgentDay.DEFAULT);
    }

    /**
     * Reads {@code RINGSTREAM_SENTIMENT_MODELS} (default {@value ModelAssignment#DEFAULT}), {@code
     * RINGSTREAM_SENTIMENT_THRESHOLD} (-0.3), {@code RINGSTREAM_SENTIMENT_DROP} (amount/turns,
     * default {@code 0.5/3}) and {@code RINGSTREAM_SENTIMENT_THREADS} (2).
     *
     * @throws IllegalArgumentException naming the malformed variable
     */
    public static SentimentSettings from(JobVariables variables) {
        SentimentSettings defaults = defaults();
        Scoring scoring = defaults.scoring;
        scoring = scoring.withModels(variables.text(ENV_MODELS).orElse(scoring.models()));
        scoring = scoring.withThreads(variables.integer(ENV_THREADS).orElse(scoring.threads()));
        AlertPolicy threshold =
                defaults.policy.withThreshold(
                        variables.number(ENV_THRESHOLD).orElse(defaults.policy.threshold()));
        AlertPolicy policy =
                variables.parsed(ENV_DROP, drop -> withDrop(threshold, drop)).orElse(threshold);
        return defaults.withScoring(scoring).withPolicy(policy);
    }

    /** {@code amount/turns}, e.g. {@code 0.5/3}: alert on a fall of 0.5 within 3 turns. */
    private static AlertPolicy withDrop(AlertPolicy policy, String drop) {
        String[] parts = drop.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("must be amount/turns, e.g. 0.5/3");
        }
        return policy.withDrop(
                Double.parseDouble(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    }

    public SentimentSettings withScoring(Scoring newScoring) {
        return new SentimentSettings(
                newScoring,
                policy,
                eventTime,
                lingerAfterEnd,
                inactivityTimeout,
                alertMaxAge,
                agentDay);
    }

    public SentimentSettings withModels(String assignment) {
        return withScoring(scoring.withModels(assignment));
    }

    public SentimentSettings withPolicy(AlertPolicy newPolicy) {
        return new SentimentSettings(
                scoring,
                newPolicy,
                eventTime,
                lingerAfterEnd,
                inactivityTimeout,
                alertMaxAge,
                agentDay);
    }

    /** Event-time bounds and state lifetimes. */
    public SentimentSettings withEventTime(
            EventTime newEventTime, Duration newLinger, Duration newInactivity) {
        return new SentimentSettings(
                scoring, policy, newEventTime, newLinger, newInactivity, alertMaxAge, agentDay);
    }

    public SentimentSettings withAgentDay(AgentDay newAgentDay) {
        return new SentimentSettings(
                scoring,
                policy,
                eventTime,
                lingerAfterEnd,
                inactivityTimeout,
                alertMaxAge,
                newAgentDay);
    }
}
