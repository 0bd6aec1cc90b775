package io.ringstream.pbxsim.traffic;

import java.util.List;
import java.util.Random;

/**
 * Who calls: a share of calls comes from a pool of returning callers, so the demo has customers
 * with a history (earlier calls, a lead, a booking), the rest from numbers seen rarely. Every
 * number is in a range the regulators reserve for fiction and is still a valid number to
 * libphonenumber, so caller identification treats it as a real one and no real person is called
 * "customer": returning callers come from Ofcom's London drama range +44 20 7946 0000–0999, the
 * others from Manchester's +44 161 496 0000–0999 and the North American 555-0100–0199 lines of a
 * few area codes.
 */
public final class CallerNumbers {
    /** Share of calls from the returning pool. */
    static final double RETURNING_SHARE = 0.4;

    /** How many returning callers there are: few enough that each calls back about hourly. */
    public static final int RETURNING_POOL = 60;

    private static final List<String> AREA_CODES =
            List.of("202", "212", "312", "415", "512", "617", "702", "808");

    /** A caller's number: returning with {@link #RETURNING_SHARE}, otherwise an occasional one. */
    String next(Random rng) {
        if (rng.nextDouble() < RETURNING_SHARE) {
            return returning(rng.nextInt(RETURNING_POOL));
        }
        int pick = rng.nextInt(1000 + AREA_CODES.size() * 100);
        if (pick < 1000) {
            return String.format("+44161496%04d", pick);
        }
        pick -= 1000;
        return "+1" + AREA_CODES.get(pick / 100) + String.format("55501%02d", pick % 100);
    }

    /** The {@code index}-th returning caller's number. */
    public static String returning(int index) {
        return String.format("+44207946%04d", index);
    }
}
