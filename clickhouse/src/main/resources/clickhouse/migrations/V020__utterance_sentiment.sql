-- The sentiment of every chat message and transcript segment, one row per utterance, written by the
-- live sentiment job. Unscored utterances are stored too (scored = 0, unscored_reason says why:
-- a language without a model, an undetermined language, empty text, a model failure or timeout).
-- Re-deliveries carry the same event_id and sort key: ReplacingMergeTree collapses them; read with
-- FINAL when exact counts matter. score/confidence are NULL when unscored.
CREATE TABLE IF NOT EXISTS ringstream.utterance_sentiment
(
    event_id        String,
    tenant          String,
    contact_id      String,
    channel         String,
    type            String,
    speaker         String,
    event_date      Date,
    event_time      DateTime,
    event_time_ms   UInt64,
    source          String,
    language        String,
    language_source String,
    scored          UInt8,
    model           String,
    score           Nullable(Float64),
    label           String,
    confidence      Nullable(Float64),
    unscored_reason String,
    text            String,
    scored_at_ms    UInt64,
    scoring_ms      Float64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_date)
ORDER BY (tenant, contact_id, event_time_ms, event_id);
