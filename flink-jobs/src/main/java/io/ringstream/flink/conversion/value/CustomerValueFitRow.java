package io.ringstream.flink.conversion.value;

/**
 * One {@code customer_value_fits} row (V054): a refit of one tenant's models. Gamma-Gamma's fields
 * are null when too few customers had repeat purchases to fit it.
 *
 * @param fitVersion grows with each fit of the tenant; {@code customer_value.fit_version}
 * @param fitMillis how long the two fits took
 */
public record CustomerValueFitRow(
        String tenant,
        long fitVersion,
        long fittedAtMillis,
        long asOfMillis,
        long customers,
        long repeatCustomers,
        double r,
        double alpha,
        double a,
        double b,
        double bgNbdLogLikelihood,
        Double p,
        Double q,
        Double v,
        Double gammaGammaLogLikelihood,
        long fitMillis) {}
