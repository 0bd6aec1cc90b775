package io.ringstream.flink.conversion.value;

/**
 * One {@code customer_value} row (V053): a customer's RFM scores, segment and expected value as of
 * a day. Model outputs are null until the tenant's first fit ({@code fitVersion} 0).
 *
 * @param asOfMillis the tenant's latest booking time the scores are measured at
 * @param firstPurchaseEpochDay days since 1970-01-01, like {@code lastPurchaseEpochDay}
 */
public record CustomerValueRow(
        String tenant,
        String customerId,
        long asOfMillis,
        long firstPurchaseEpochDay,
        long lastPurchaseEpochDay,
        int purchaseDays,
        int repeatPurchases,
        int recencyDays,
        double monetaryTotal,
        double monetaryMean,
        String currency,
        int recencyScore,
        int frequencyScore,
        int monetaryScore,
        String segment,
        double txWeeks,
        double tWeeks,
        double repeatMean,
        Double expectedPurchases12m,
        Double probabilityAlive,
        Double expectedPurchaseValue,
        Double clv12m,
        long fitVersion,
        long version,
        long updatedAtMillis) {

    /** The three scores as digits, e.g. {@code "545"}. */
    public String rfm() {
        return "" + recencyScore + frequencyScore + monetaryScore;
    }
}
