-- Customers (issue 10): the new contact event type IDENTIFIED (the contact's customer became
-- known) takes its place in the recompute views' type order, right after ARRIVED, as in
-- ContactEventType (RecomputeOrderTest holds the newest migration defining the views to the
-- enums). The views are otherwise V032's, unchanged: IDENTIFIED makes no KPI fact. An applied
-- migration is never edited, so the views are dropped and created again here.
DROP TABLE IF EXISTS ringstream.contact_kpi_facts;
DROP TABLE IF EXISTS ringstream.agent_presence_segments;

-- contact_kpi_facts: as V032 (see there and docs/kpis.md).
CREATE VIEW IF NOT EXISTS ringstream.contact_kpi_facts AS
SELECT
    tenant,
    contact_id,
    fact.1 AS kind,
    fact.2 AS queue,
    fact.3 AS t,
    fact.4 AS wait_ms,
    fact.5 AS duration_ms,
    fact.6 AS left_at
FROM
(
    SELECT
        tenant,
        contact_id,
        arraySort(x -> (x.1, x.2, x.3), groupArray((event_time_ms, indexOf(['ARRIVED', 'IDENTIFIED', 'QUEUED', 'OFFERED', 'OFFER_REJECTED', 'OFFER_TIMED_OUT', 'ANSWERED', 'HELD', 'RESUMED', 'TRANSFERRED', 'ABANDONED', 'DEQUEUED', 'TALK_ENDED', 'ENDED', 'WRAPUP_ENDED'], type), event_id, type, queue, wait_ms, duration_ms))) AS e,
        arrayEnumerate(e) AS ix,
        arrayMap(x -> x.4, e) AS types,
        arrayMap(x -> x.1, e) AS times,
        arrayMap(x -> x.5, e) AS queues,
        arrayCumSum(arrayMap(x -> x.4 = 'QUEUED', e)) AS queued_n,
        arrayFilter(x -> x.4 = 'QUEUED', e) AS queued,
        arrayCumSum(arrayMap(x -> x.4 = 'ANSWERED', e)) AS answered_n,
        arrayFilter(x -> x.4 = 'ANSWERED', e) AS answers,
        arrayMap(i -> if(queues[i] != '', queues[i], if(answered_n[i] = 0, '', tupleElement(answers[answered_n[i]], 5))), ix) AS handling_queue,
        arrayMap(x -> x.4 IN ('RESUMED', 'TALK_ENDED'), e) AS closes,
        arrayMap((c, n) -> n - c, closes, arrayCumSum(closes)) AS hold_segment,
        arrayMap(i -> if(closes[i] = 1, arrayFirst(j -> j < i AND types[j] = 'HELD' AND hold_segment[j] = hold_segment[i], ix), 0), ix) AS hold_start,
        arrayConcat(
            arrayMap(i -> ('OFFERED', queues[i], times[i], toInt64(0), toInt64(0), times[arrayFirst(j -> j > i AND types[j] IN ('QUEUED', 'ANSWERED', 'ABANDONED', 'DEQUEUED', 'TRANSFERRED', 'ENDED'), ix)]),
                arrayFilter(i -> types[i] = 'QUEUED', ix)),
            arrayMap(i -> (types[i], queues[i], times[i], ifNull(tupleElement(e[i], 6), if(queued_n[i] = 0, toInt64(0), greatest(toInt64(0), toInt64(times[i]) - toInt64(tupleElement(queued[queued_n[i]], 1))))), toInt64(0), toUInt64(0)),
                arrayFilter(i -> types[i] IN ('ANSWERED', 'ABANDONED'), ix)),
            arrayMap(i -> (if(types[i] = 'TALK_ENDED', 'TALK', 'WRAP_UP'), handling_queue[i], times[i], toInt64(0), ifNull(tupleElement(e[i], 7), toInt64(0)), toUInt64(0)),
                arrayFilter(i -> types[i] IN ('TALK_ENDED', 'WRAPUP_ENDED') AND handling_queue[i] != '', ix)),
            arrayMap(i -> ('HOLD', handling_queue[i], times[i], toInt64(0), toInt64(times[i]) - toInt64(times[hold_start[i]]), toUInt64(0)),
                arrayFilter(i -> hold_start[i] > 0 AND handling_queue[i] != '', ix))
        ) AS facts
    FROM ringstream.contact_events FINAL
    GROUP BY tenant, contact_id
)
ARRAY JOIN facts AS fact;

-- agent_presence_segments: an agent's presence in each queue it ever named, as segments from one
-- of its events to the next (to_ms = 0: still running). Events with a queue apply to that queue,
-- events without one to all its queues; LOGGED_IN with the queue joins it, LOGGED_OUT (with the
-- queue or without any) leaves; LOGGED_IN counts as READY. Only segments while a member.
CREATE VIEW IF NOT EXISTS ringstream.agent_presence_segments AS
SELECT
    tenant,
    agent_id,
    for_queue AS queue,
    segment.1 AS state,
    segment.2 AS from_ms,
    segment.3 AS to_ms
FROM
(
    SELECT
        tenant,
        agent_id,
        for_queue,
        arraySort(x -> (x.1, x.2, x.3), groupArray((event_time_ms, indexOf(['LOGGED_IN', 'READY', 'NOT_READY', 'BUSY', 'WRAP_UP', 'LOGGED_OUT', 'SKILLS_CHANGED'], type), event_id, type, event_queue))) AS e,
        arrayEnumerate(e) AS ix,
        arrayMap(x -> (x.4 = 'LOGGED_IN' AND x.5 = for_queue) OR x.4 = 'LOGGED_OUT', e) AS is_membership,
        arrayFilter(x -> (x.4 = 'LOGGED_IN' AND x.5 = for_queue) OR x.4 = 'LOGGED_OUT', e) AS memberships,
        arrayCumSum(is_membership) AS membership_n,
        arrayMap(x -> x.4 IN ('LOGGED_IN', 'READY', 'NOT_READY', 'BUSY', 'WRAP_UP'), e) AS is_state,
        arrayFilter(x -> x.4 IN ('LOGGED_IN', 'READY', 'NOT_READY', 'BUSY', 'WRAP_UP'), e) AS states,
        arrayCumSum(is_state) AS state_n,
        arrayMap(i -> if(membership_n[i] > 0 AND tupleElement(memberships[membership_n[i]], 4) = 'LOGGED_IN',
                         if(state_n[i] = 0 OR tupleElement(states[state_n[i]], 4) = 'LOGGED_IN', 'READY', tupleElement(states[state_n[i]], 4)),
                         'OUT'), ix) AS presence,
        arrayMap(i -> (presence[i], tupleElement(e[i], 1), if(i < length(e), tupleElement(e[i + 1], 1), toUInt64(0))), ix) AS segments
    FROM
    (
        SELECT
            tenant,
            agent_id,
            event_time_ms,
            type,
            event_id,
            queue AS event_queue,
            arrayJoin(if(queue != '', [queue], named)) AS for_queue
        FROM ringstream.agent_events FINAL
        ALL INNER JOIN
        (
            SELECT tenant, agent_id, groupUniqArrayIf(queue, queue != '') AS named
            FROM ringstream.agent_events
            GROUP BY tenant, agent_id
        ) USING (tenant, agent_id)
        WHERE type != 'SKILLS_CHANGED'
    )
    GROUP BY tenant, agent_id, for_queue
)
ARRAY JOIN segments AS segment
WHERE segment.1 != 'OUT';

-- contact_customers: the customer of each contact, so tables keyed by contact id (sentiment, SLA,
-- routing decisions) can be joined to customers: the latest non-empty customer_id of the
-- contact's events (by event time; a contact whose customer is not known has no row). Plain
-- GROUP BY and argMax, which 18.16 and current releases both have. The aggregate is named
-- latest inside: 18.16 resolves WHERE's customer_id to a SELECT alias of the same name.
CREATE VIEW IF NOT EXISTS ringstream.contact_customers AS
SELECT
    contact_id,
    tenant,
    latest AS customer_id
FROM
(
    SELECT
        tenant,
        contact_id,
        argMax(customer_id, event_time_ms) AS latest
    FROM ringstream.contact_events
    WHERE customer_id != ''
    GROUP BY tenant, contact_id
);
