package io.ringstream.customers.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ringstream.customers.value.bgnbd.BgNbdModel;
import io.ringstream.customers.value.cdnow.Cdnow;
import io.ringstream.customers.value.gammagamma.GammaGammaModel;
import org.junit.jupiter.api.Test;

/** A customer's expected 12-month value from the two models, with and without discounting. */
class CustomerValueTest {

    static final BgNbdModel PURCHASES = new BgNbdModel(Cdnow.PUBLISHED_BG_NBD);
    static final GammaGammaModel SPEND = new GammaGammaModel(Cdnow.PUBLISHED_GAMMA_GAMMA);
    static final CustomerValue VALUE = new CustomerValue(PURCHASES, SPEND);

    @Test
    void givenARegular_whenValued_thenItIsExpectedPurchasesIn52WeeksTimesExpectedValue() {
        RepeatSummary s = new RepeatSummary(5, 35, 38, 30);

        double value = VALUE.expected12Months(s);

        assertThat(value)
                .isPositive()
                .isCloseTo(
                        PURCHASES.expectedPurchases(s, 52) * SPEND.expectedValue(s), within(1e-12));
    }

    @Test
    void givenNoDiscount_whenValuedMonthByMonth_thenTheSumIsTheUndiscountedValue() {
        RepeatSummary s = new RepeatSummary(5, 35, 38, 30);

        assertThat(VALUE.expected12Months(s, 0)).isCloseTo(VALUE.expected12Months(s), within(1e-9));
        assertThat(VALUE.expected12Months(s, 0.01))
                .isLessThan(VALUE.expected12Months(s))
                .isGreaterThan(VALUE.expected12Months(s) / Math.pow(1.01, 12));
    }

    @Test
    void givenACustomerWhoNeverReturned_whenValued_thenTheValueIsSmallButPositive() {
        RepeatSummary once = new RepeatSummary(0, 0, 38, 0);
        RepeatSummary regular = new RepeatSummary(5, 35, 38, 30);

        assertThat(VALUE.expected12Months(once))
                .isPositive()
                .isLessThan(VALUE.expected12Months(regular));
    }

    @Test
    void givenANegativeDiscountRate_whenValued_thenRefused() {
        assertThatThrownBy(() -> VALUE.expected12Months(new RepeatSummary(0, 0, 1, 0), -0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("discount rate");
    }
}
