package io.ringstream.queueing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Checks against the worked examples in shared/notes/contact-center.md. */
class ErlangCTest {
    // 360 calls per 30 minutes, AHT 240 s.
    private static final double A = ErlangC.load(360, 1800, 240);

    @Test
    void loadIsArrivalRateTimesHandleTime() {
        assertThat(A).isCloseTo(48.0, within(1e-9));
    }

    @Test
    void reproducesTheWorkedTable() {
        assertRow(53, 0.3765, 0.7518, 18.07, 0.9057);
        assertRow(54, 0.3013, 0.8172, 12.05, 0.8889);
        assertRow(55, 0.2387, 0.8668, 8.18, 0.8727);
    }

    @Test
    void requiredAgentsFor80In20() {
        assertThat(ErlangC.requiredAgents(A, 240, 0.80, 20)).isEqualTo(54);
        // 200 calls/h, AHT 180 s (A = 10): 13 agents give 79.6 %, 14 give 88.8 %.
        double a10 = ErlangC.load(200, 3600, 180);
        assertThat(ErlangC.serviceLevel(13, a10, 180, 20)).isCloseTo(0.796, within(0.001));
        assertThat(ErlangC.serviceLevel(15, a10, 180, 20)).isCloseTo(0.941, within(0.001));
        assertThat(ErlangC.requiredAgents(a10, 180, 0.80, 20)).isEqualTo(14);
    }

    @Test
    void overloadedQueuesNeverReachService() {
        assertThat(ErlangC.probabilityOfWaiting(48, A)).isEqualTo(1);
        assertThat(ErlangC.serviceLevel(40, A, 240, 20)).isZero();
        assertThat(ErlangC.averageSpeedOfAnswer(40, A, 240)).isInfinite();
    }

    @Test
    void staysFiniteForLargeCenters() {
        double load = ErlangC.load(6000, 1800, 300);
        int agents = ErlangC.requiredAgents(load, 300, 0.9, 15);
        assertThat(agents).isBetween(1000, 1100);
        assertThat(ErlangC.probabilityOfWaiting(agents, load)).isBetween(0.0, 1.0);
    }

    private static void assertRow(int n, double pWait, double sl, double asa, double occ) {
        ErlangC.Staffing row = ErlangC.staffing(n, A, 240, 20);
        assertThat(row.probabilityOfWaiting()).isCloseTo(pWait, within(0.0001));
        assertThat(row.serviceLevel()).isCloseTo(sl, within(0.0001));
        assertThat(row.averageSpeedOfAnswerSeconds()).isCloseTo(asa, within(0.01));
        assertThat(row.occupancy()).isCloseTo(occ, within(0.0001));
    }
}
