package io.ringstream.routing.leads;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An amount of one currency as an API sends it: a decimal text and an ISO 4217 code. Leads' values
 * and booking systems' amounts are parsed here one way, so "10" EUR is 10.00 everywhere and {@code
 * 10.001} EUR is refused instead of rounded.
 *
 * @param amount not negative, at exactly the currency's minor-unit scale
 */
public record Money(BigDecimal amount, Currency currency) {
    /**
     * A plain decimal: no exponent, at most 13 integer digits (the column is numeric(19, 4), and
     * the minor units must fit a long); a leading minus parses so it can be refused by name.
     */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,13}(\\.[0-9]{1,6})?");

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    /**
     * Parses {@code amount} in {@code currency}, or adds to {@code violations} and returns null.
     * Both absent is not an error (null); one without the other is.
     *
     * @param what the field name the messages use, e.g. {@code value} or {@code amount}
     */
    public static Money parse(
            String amount, String currency, String what, List<String> violations) {
        boolean hasAmount = amount != null && !amount.isBlank();
        boolean hasCurrency = currency != null && !currency.isBlank();
        if (!hasAmount && !hasCurrency) {
            return null;
        }
        if (hasAmount != hasCurrency) {
            violations.add(what + " and currency go together");
            return null;
        }
        int before = violations.size();
        Currency code = currency(currency, violations);
        String text = amount.strip();
        BigDecimal value = null;
        if (!DECIMAL.matcher(text).matches()) {
            violations.add(what + " '" + text + "' is not a plain decimal such as 120.50");
        } else {
            value = new BigDecimal(text);
            if (value.signum() < 0) {
                violations.add(what + " is not negative");
            }
        }
        if (value != null && code != null && violations.size() == before) {
            int digits = Math.max(code.getDefaultFractionDigits(), 0);
            if (value.stripTrailingZeros().scale() > digits) {
                violations.add(
                        what + " has at most " + digits + " decimals in " + code.getCurrencyCode());
            } else {
                return new Money(value.setScale(digits, RoundingMode.UNNECESSARY), code);
            }
        }
        return null;
    }

    /** An ISO 4217 code (upper case, as the standard writes it), or null with a violation. */
    public static Currency currency(String text, List<String> violations) {
        String code = text.strip().toUpperCase(Locale.ROOT);
        if (CODE.matcher(code).matches()) {
            try {
                return Currency.getInstance(code);
            } catch (IllegalArgumentException unknown) {
                // reported below
            }
        }
        violations.add("currency '" + text.strip() + "' is not an ISO 4217 code such as EUR");
        return null;
    }

    /** The amount in the currency's minor units (cents), as business events carry it. */
    public long minorUnits() {
        return amount.movePointRight(Math.max(currency.getDefaultFractionDigits(), 0))
                .longValueExact();
    }
}
