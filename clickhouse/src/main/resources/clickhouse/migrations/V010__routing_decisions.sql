-- One row per routing decision of the routing job: the contact, the agent chosen, the step and
-- strategy that applied, why, and the candidates considered with their scores (JSON array text:
-- [{"agentId":..,"score":..,"eligible":..,"whyNot":..}]). A ring-all decision has no chosen agent.
-- decision_id is derived from tenant, contact and attempt, so a job replaying after a restore
-- writes the same id again; the sorting key holds no time so ReplacingMergeTree collapses it.
CREATE TABLE IF NOT EXISTS ringstream.routing_decisions
(
    decision_id      String,
    tenant           String,
    decision_date    Date,
    decision_time    DateTime,
    decision_time_ms UInt64,
    contact_id       String,
    queue            String,
    chosen_agent_id  String,
    offer_id         String,
    step             UInt16,
    strategy         String,
    reason           String,
    candidate_count  UInt32,
    eligible_count   UInt32,
    candidates       String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(decision_date)
ORDER BY (tenant, contact_id, decision_id);
