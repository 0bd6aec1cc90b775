package io.ringstream.flink.conversion;

import io.ringstream.clickhouse.Table;
import io.ringstream.clickhouse.TableSpec;
import io.ringstream.flink.conversion.funnel.FunnelAgentDayRow;
import io.ringstream.flink.conversion.funnel.FunnelChannelDayRow;
import io.ringstream.flink.conversion.funnel.FunnelProgressRow;
import io.ringstream.flink.conversion.funnel.FunnelStatsRow;
import io.ringstream.flink.conversion.value.CustomerValueDayRow;
import io.ringstream.flink.conversion.value.CustomerValueFitRow;
import io.ringstream.flink.conversion.value.CustomerValueRow;

/**
 * The conversion job's tables (migrations V051 to V054, V061, V062), each column next to how a row
 * fills it. Every table is a ReplacingMergeTree whose version the job raises with each write, so
 * the sinks' at-least-once delivery and a replay after a restore both leave the newest row: read
 * with FINAL.
 */
public final class ConversionTables {
    private ConversionTables() {}

    private static final long MILLIS_PER_DAY = 86_400_000L;

    public static final TableSpec<FunnelProgressRow> FUNNEL_PROGRESS =
            TableSpec.<FunnelProgressRow>of(Table.FUNNEL_PROGRESS)
                    .column("tenant", FunnelProgressRow::tenant)
                    .column("funnel_id", FunnelProgressRow::funnelId)
                    .column("customer_id", FunnelProgressRow::customerId)
                    .dateTime("episode_start", FunnelProgressRow::episodeStartMillis)
                    .column("episode_start_ms", FunnelProgressRow::episodeStartMillis)
                    .column("window_start_ms", FunnelProgressRow::windowStartMillis)
                    .column("steps_reached", FunnelProgressRow::stepsReached)
                    .column("step_count", FunnelProgressRow::stepCount)
                    .flag("converted", FunnelProgressRow::converted)
                    .text("furthest_step", FunnelProgressRow::furthestStep)
                    .dateTime("furthest_time", FunnelProgressRow::furthestTimeMillis)
                    .column("furthest_time_ms", FunnelProgressRow::furthestTimeMillis)
                    .column("step_names", FunnelProgressRow::stepNames)
                    .column("step_times_ms", FunnelProgressRow::stepTimesMillis)
                    .column("step_event_ids", FunnelProgressRow::stepEventIds)
                    .text("attribution", FunnelProgressRow::attribution)
                    .text("campaign", FunnelProgressRow::campaign)
                    .text("credited_channel", FunnelProgressRow::creditedChannel)
                    .text("credited_agent_id", FunnelProgressRow::creditedAgentId)
                    .text("credited_contact_id", FunnelProgressRow::creditedContactId)
                    .column("version", FunnelProgressRow::version)
                    .dateTime("updated_at", FunnelProgressRow::updatedAtMillis)
                    .build();

    public static final TableSpec<FunnelStatsRow> FUNNEL_STATS =
            TableSpec.<FunnelStatsRow>of(Table.FUNNEL_STATS)
                    .column("tenant", FunnelStatsRow::tenant)
                    .column("funnel_id", FunnelStatsRow::funnelId)
                    .text("funnel_name", FunnelStatsRow::funnelName)
                    .date("day", r -> r.dayEpochDay() * MILLIS_PER_DAY)
                    .column("step", FunnelStatsRow::step)
                    .text("step_name", FunnelStatsRow::stepName)
                    .text("channel", FunnelStatsRow::channel)
                    .text("campaign", FunnelStatsRow::campaign)
                    .text("agent_id", FunnelStatsRow::agentId)
                    .column("entered", FunnelStatsRow::entered)
                    .column("reached", FunnelStatsRow::reached)
                    .column("conversion_rate", FunnelStatsRow::conversionRate)
                    .column("from_previous_median_s", FunnelStatsRow::fromPreviousMedianSeconds)
                    .column("from_previous_p90_s", FunnelStatsRow::fromPreviousP90Seconds)
                    .column("from_entry_median_s", FunnelStatsRow::fromEntryMedianSeconds)
                    .column("from_entry_p90_s", FunnelStatsRow::fromEntryP90Seconds)
                    .column("version", FunnelStatsRow::version)
                    .dateTime("updated_at", FunnelStatsRow::updatedAtMillis)
                    .build();

    public static final TableSpec<FunnelChannelDayRow> FUNNEL_CHANNEL_DAYS =
            TableSpec.<FunnelChannelDayRow>of(Table.FUNNEL_CHANNEL_DAYS)
                    .column("tenant", FunnelChannelDayRow::tenant)
                    .column("funnel_id", FunnelChannelDayRow::funnelId)
                    .text("funnel_name", FunnelChannelDayRow::funnelName)
                    .date("day", r -> r.dayEpochDay() * MILLIS_PER_DAY)
                    .column("step", FunnelChannelDayRow::step)
                    .text("step_name", FunnelChannelDayRow::stepName)
                    .text("channel", FunnelChannelDayRow::channel)
                    .text("campaign", FunnelChannelDayRow::campaign)
                    .column("entered", FunnelChannelDayRow::entered)
                    .column("reached", FunnelChannelDayRow::reached)
                    .column("timed_reached", FunnelChannelDayRow::timedReached)
                    .column(
                            "from_previous_median_wsum_s",
                            FunnelChannelDayRow::fromPreviousMedianWeightedSeconds)
                    .column(
                            "from_previous_p90_wsum_s",
                            FunnelChannelDayRow::fromPreviousP90WeightedSeconds)
                    .column(
                            "from_entry_median_wsum_s",
                            FunnelChannelDayRow::fromEntryMedianWeightedSeconds)
                    .column(
                            "from_entry_p90_wsum_s",
                            FunnelChannelDayRow::fromEntryP90WeightedSeconds)
                    .column("version", FunnelChannelDayRow::version)
                    .dateTime("updated_at", FunnelChannelDayRow::updatedAtMillis)
                    .build();

    public static final TableSpec<FunnelAgentDayRow> FUNNEL_AGENT_DAYS =
            TableSpec.<FunnelAgentDayRow>of(Table.FUNNEL_AGENT_DAYS)
                    .column("tenant", FunnelAgentDayRow::tenant)
                    .column("funnel_id", FunnelAgentDayRow::funnelId)
                    .text("funnel_name", FunnelAgentDayRow::funnelName)
                    .date("day", r -> r.dayEpochDay() * MILLIS_PER_DAY)
                    .text("agent_id", FunnelAgentDayRow::agentId)
                    .column("entered", FunnelAgentDayRow::entered)
                    .column("reached", FunnelAgentDayRow::reached)
                    .column("version", FunnelAgentDayRow::version)
                    .dateTime("updated_at", FunnelAgentDayRow::updatedAtMillis)
                    .build();

    public static final TableSpec<CustomerValueRow> CUSTOMER_VALUE =
            TableSpec.<CustomerValueRow>of(Table.CUSTOMER_VALUE)
                    .column("tenant", CustomerValueRow::tenant)
                    .column("customer_id", CustomerValueRow::customerId)
                    .date("as_of", CustomerValueRow::asOfMillis)
                    .column("as_of_ms", CustomerValueRow::asOfMillis)
                    .date("first_purchase", r -> r.firstPurchaseEpochDay() * MILLIS_PER_DAY)
                    .date("last_purchase", r -> r.lastPurchaseEpochDay() * MILLIS_PER_DAY)
                    .column("purchase_days", CustomerValueRow::purchaseDays)
                    .column("repeat_purchases", CustomerValueRow::repeatPurchases)
                    .column("recency_days", CustomerValueRow::recencyDays)
                    .column("monetary_total", CustomerValueRow::monetaryTotal)
                    .column("monetary_mean", CustomerValueRow::monetaryMean)
                    .text("currency", CustomerValueRow::currency)
                    .column("r_score", CustomerValueRow::recencyScore)
                    .column("f_score", CustomerValueRow::frequencyScore)
                    .column("m_score", CustomerValueRow::monetaryScore)
                    .text("rfm", CustomerValueRow::rfm)
                    .text("segment", CustomerValueRow::segment)
                    .column("t_x_weeks", CustomerValueRow::txWeeks)
                    .column("t_weeks", CustomerValueRow::tWeeks)
                    .column("repeat_mean", CustomerValueRow::repeatMean)
                    .column("expected_purchases_12m", CustomerValueRow::expectedPurchases12m)
                    .column("probability_alive", CustomerValueRow::probabilityAlive)
                    .column("expected_purchase_value", CustomerValueRow::expectedPurchaseValue)
                    .column("clv_12m", CustomerValueRow::clv12m)
                    .column("fit_version", CustomerValueRow::fitVersion)
                    .column("version", CustomerValueRow::version)
                    .dateTime("updated_at", CustomerValueRow::updatedAtMillis)
                    .build();

    public static final TableSpec<CustomerValueFitRow> CUSTOMER_VALUE_FITS =
            TableSpec.<CustomerValueFitRow>of(Table.CUSTOMER_VALUE_FITS)
                    .column("tenant", CustomerValueFitRow::tenant)
                    .column("fit_version", CustomerValueFitRow::fitVersion)
                    .dateTime("fitted_at", CustomerValueFitRow::fittedAtMillis)
                    .date("as_of", CustomerValueFitRow::asOfMillis)
                    .column("customers", CustomerValueFitRow::customers)
                    .column("repeat_customers", CustomerValueFitRow::repeatCustomers)
                    .column("r", CustomerValueFitRow::r)
                    .column("alpha", CustomerValueFitRow::alpha)
                    .column("a", CustomerValueFitRow::a)
                    .column("b", CustomerValueFitRow::b)
                    .column("bgnbd_log_likelihood", CustomerValueFitRow::bgNbdLogLikelihood)
                    .column("p", CustomerValueFitRow::p)
                    .column("q", CustomerValueFitRow::q)
                    .column("v", CustomerValueFitRow::v)
                    .column("gg_log_likelihood", CustomerValueFitRow::gammaGammaLogLikelihood)
                    .column("fit_ms", CustomerValueFitRow::fitMillis)
                    .build();

    public static final TableSpec<CustomerValueDayRow> CUSTOMER_VALUE_DAYS =
            TableSpec.<CustomerValueDayRow>of(Table.CUSTOMER_VALUE_DAYS)
                    .column("tenant", CustomerValueDayRow::tenant)
                    .date("as_of", CustomerValueDayRow::asOfMillis)
                    .column("as_of_ms", CustomerValueDayRow::asOfMillis)
                    .column("customers", CustomerValueDayRow::customers)
                    .column("segments", CustomerValueDayRow::segments)
                    .column("segment_customers", CustomerValueDayRow::segmentCustomers)
                    .column("segment_monetary_sum", CustomerValueDayRow::segmentMonetarySum)
                    .column("segment_clv_customers", CustomerValueDayRow::segmentClvCustomers)
                    .column("segment_clv_sum", CustomerValueDayRow::segmentClvSum)
                    .column("segment_alive_customers", CustomerValueDayRow::segmentAliveCustomers)
                    .column("segment_alive_sum", CustomerValueDayRow::segmentAliveSum)
                    .column(
                            "segment_purchases_customers",
                            CustomerValueDayRow::segmentPurchasesCustomers)
                    .column("segment_purchases_sum", CustomerValueDayRow::segmentPurchasesSum)
                    .column("alive_bands", CustomerValueDayRow::aliveBands)
                    .column("alive_band_customers", CustomerValueDayRow::aliveBandCustomers)
                    .column("movement_days", CustomerValueDayRow::movementDays)
                    .column("movement_from", CustomerValueDayRow::movementFrom)
                    .column("movement_to", CustomerValueDayRow::movementTo)
                    .column("movement_customers", CustomerValueDayRow::movementCustomers)
                    .column("version", CustomerValueDayRow::version)
                    .dateTime("updated_at", CustomerValueDayRow::updatedAtMillis)
                    .build();
}
