package io.ringstream.flink.conversion.value;

import io.ringstream.customers.value.TenantCustomerValues;
import io.ringstream.customers.value.bgnbd.BgNbdParameters;
import io.ringstream.customers.value.gammagamma.GammaGammaParameters;

/**
 * What the value operator keeps about a tenant besides its customers' purchases: the currency and
 * as-of time, the current fit and the schedule. A Flink POJO (public fields, no-argument
 * constructor), so it is stored by the POJO serializer, never Kryo.
 */
public class TenantValueState {
    /** The tenant's currency: that of its first booking; bookings in another are not counted. */
    public String currency;

    /** The latest booking's time: the rows' as-of ({@code as_of} is its UTC day). */
    public long asOfMillis;

    /** Grows with each fit; 0 before the first. */
    public long fitVersion;

    public double r;
    public double alpha;
    public double a;
    public double b;

    /** Whether the current fit has Gamma-Gamma parameters. */
    public boolean gammaGamma;

    public double p;
    public double q;
    public double v;

    /** Processing time of the last fit attempt (made or refused), 0 before any. */
    public long lastFitAttemptAt;

    /** Whether bookings (or merges, erasures) came since the last fit attempt. */
    public boolean changedSinceFit;

    /** Whether the tenant changed since the last rescoring. */
    public boolean dirty;

    /** The pending processing-time timer, 0 when none. */
    public long timerAt;

    public TenantValueState() {}

    /** The current models; null before the first fit. */
    TenantCustomerValues.Models models() {
        if (fitVersion == 0) {
            return null;
        }
        return new TenantCustomerValues.Models(
                new BgNbdParameters(r, alpha, a, b),
                gammaGamma ? new GammaGammaParameters(p, q, v) : null);
    }

    void fitted(TenantCustomerValues.Models m) {
        fitVersion++;
        r = m.bgNbd().r();
        alpha = m.bgNbd().alpha();
        a = m.bgNbd().a();
        b = m.bgNbd().b();
        gammaGamma = m.gammaGamma() != null;
        if (gammaGamma) {
            p = m.gammaGamma().p();
            q = m.gammaGamma().q();
            v = m.gammaGamma().v();
        }
    }
}
