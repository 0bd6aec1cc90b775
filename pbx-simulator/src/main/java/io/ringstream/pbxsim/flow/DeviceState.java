package io.ringstream.pbxsim.flow;

/**
 * Asterisk device states as numbered in QueueMemberStatus {@code Status} (AST_DEVICE_*), the codes
 * the bridge maps to agent states.
 */
public enum DeviceState {
    UNKNOWN(0),
    NOT_INUSE(1),
    INUSE(2),
    BUSY(3),
    INVALID(4),
    UNAVAILABLE(5),
    RINGING(6),
    RINGINUSE(7),
    ONHOLD(8);

    private final int code;

    DeviceState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
