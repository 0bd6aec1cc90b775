package io.ringstream.analytics.wallboard;

/**
 * The colour of one wallboard figure: what a supervisor should do about it at a glance. {@link
 * #NONE} when the figure is unknown (nothing answered yet) or has no thresholds, so a tile never
 * shows green for lack of data.
 */
public enum TileLevel {
    GREEN,
    AMBER,
    RED,
    NONE;

    /**
     * The level of a figure that is worse the higher it is (oldest wait, abandon rate, contacts
     * waiting): red when it reaches {@code red}, amber when it reaches {@code amber}. A null
     * threshold is not checked; a null figure, or no threshold at all, is {@link #NONE}.
     */
    public static TileLevel rising(Double value, Double amber, Double red) {
        if (value == null || (amber == null && red == null)) {
            return NONE;
        }
        if (red != null && value >= red) {
            return RED;
        }
        if (amber != null && value >= amber) {
            return AMBER;
        }
        return GREEN;
    }

    /**
     * The level of a service level against its target share: red when {@code serviceLevel <=
     * redOfTarget * target}, amber when {@code <= amberOfTarget * target}, green above. Unknown
     * service level or target is {@link #NONE}.
     */
    public static TileLevel serviceLevel(
            Double serviceLevel, Double target, Double amberOfTarget, Double redOfTarget) {
        if (serviceLevel == null
                || target == null
                || (amberOfTarget == null && redOfTarget == null)) {
            return NONE;
        }
        if (redOfTarget != null && serviceLevel <= redOfTarget * target) {
            return RED;
        }
        if (amberOfTarget != null && serviceLevel <= amberOfTarget * target) {
            return AMBER;
        }
        return GREEN;
    }
}
