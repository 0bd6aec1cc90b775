package io.ringstream.routing.wallboard;

import io.ringstream.analytics.wallboard.QueueThresholds;

/**
 * The bindable fields of a {@link QueueThresholds}, shared by the defaults and the per-queue
 * settings: {@code oldest-wait-amber-seconds}, {@code oldest-wait-red-seconds}, {@code
 * service-level-amber-of-target}, {@code service-level-red-of-target}, {@code abandon-rate-amber},
 * {@code abandon-rate-red}, {@code waiting-amber}, {@code waiting-red}.
 */
public abstract class ThresholdSettings {
    private Long oldestWaitAmberSeconds;
    private Long oldestWaitRedSeconds;
    private Double serviceLevelAmberOfTarget;
    private Double serviceLevelRedOfTarget;
    private Double abandonRateAmber;
    private Double abandonRateRed;
    private Long waitingAmber;
    private Long waitingRed;

    ThresholdSettings(QueueThresholds initial) {
        oldestWaitAmberSeconds = initial.oldestWaitAmberSeconds();
        oldestWaitRedSeconds = initial.oldestWaitRedSeconds();
        serviceLevelAmberOfTarget = initial.serviceLevelAmberOfTarget();
        serviceLevelRedOfTarget = initial.serviceLevelRedOfTarget();
        abandonRateAmber = initial.abandonRateAmber();
        abandonRateRed = initial.abandonRateRed();
        waitingAmber = initial.waitingAmber();
        waitingRed = initial.waitingRed();
    }

    public QueueThresholds thresholds() {
        return new QueueThresholds(
                oldestWaitAmberSeconds,
                oldestWaitRedSeconds,
                serviceLevelAmberOfTarget,
                serviceLevelRedOfTarget,
                abandonRateAmber,
                abandonRateRed,
                waitingAmber,
                waitingRed);
    }

    public Long getOldestWaitAmberSeconds() {
        return oldestWaitAmberSeconds;
    }

    public void setOldestWaitAmberSeconds(Long v) {
        oldestWaitAmberSeconds = v;
    }

    public Long getOldestWaitRedSeconds() {
        return oldestWaitRedSeconds;
    }

    public void setOldestWaitRedSeconds(Long v) {
        oldestWaitRedSeconds = v;
    }

    public Double getServiceLevelAmberOfTarget() {
        return serviceLevelAmberOfTarget;
    }

    public void setServiceLevelAmberOfTarget(Double v) {
        serviceLevelAmberOfTarget = v;
    }

    public Double getServiceLevelRedOfTarget() {
        return serviceLevelRedOfTarget;
    }

    public void setServiceLevelRedOfTarget(Double v) {
        serviceLevelRedOfTarget = v;
    }

    public Double getAbandonRateAmber() {
        return abandonRateAmber;
    }

    public void setAbandonRateAmber(Double v) {
        abandonRateAmber = v;
    }

    public Double getAbandonRateRed() {
        return abandonRateRed;
    }

    public void setAbandonRateRed(Double v) {
        abandonRateRed = v;
    }

    public Long getWaitingAmber() {
        return waitingAmber;
    }

    public void setWaitingAmber(Long v) {
        waitingAmber = v;
    }

    public Long getWaitingRed() {
        return waitingRed;
    }

    public void setWaitingRed(Long v) {
        waitingRed = v;
    }
}
