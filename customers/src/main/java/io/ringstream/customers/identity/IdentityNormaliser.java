package io.ringstream.customers.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns identities as people and systems type them into one canonical value each, so the same
 * phone, address or booking id always finds the same customer. One instance per tenant: national
 * phone numbers are read in the tenant's default region. Immutable and thread-safe.
 *
 * <p>The rules, per kind:
 *
 * <ul>
 *   <li>{@link IdentityKind#PHONE}: E.164 ({@code +34911234567}) with libphonenumber. National
 *       numbers are read in the default region; {@code +} and {@code 00} prefixes, and the region's
 *       own international prefix (e.g. {@code 011} in the US), mark international ones. Spaces,
 *       dashes, dots and brackets are ignored. An extension ({@code ext. 12}, {@code x12}, {@code
 *       ;ext=12}) is dropped from the value and reported, not refused: the identity is the line,
 *       the extension is a desk behind it. Numbers that are too short, too long or outside every
 *       range their country uses are refused with a reason.
 *   <li>{@link IdentityKind#WHATSAPP}: the account's phone number, by the phone rule. WhatsApp's
 *       own ids are the number's digits without {@code +} ({@code 447911123456}): digits that are
 *       not a valid number of the default region are read as international.
 *   <li>{@link IdentityKind#EMAIL}: trimmed and lower-cased, local part included (see {@link
 *       #normalise}).
 *   <li>{@link IdentityKind#INSTAGRAM}: trimmed, otherwise kept as given (no whitespace inside).
 *   <li>{@link IdentityKind#EXTERNAL_ID}: {@code system:id}; the system is lower-cased, the id is
 *       trimmed and otherwise kept as given (another system's ids may be case-sensitive).
 * </ul>
 *
 * <p>Normalising a normalised value changes nothing.
 */
public final class IdentityNormaliser {
    /** Longest raw phone input read: generous for formatting and an extension. */
    static final int MAX_PHONE_INPUT = 100;

    /** RFC 5321's limit on a forward path; also the cap for the other kinds. */
    static final int MAX_VALUE = 254;

    static final int MAX_EMAIL_LOCAL = 64;

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final String UNKNOWN_REGION = "ZZ";
    private static final Pattern SYSTEM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final String region;

    private IdentityNormaliser(String region) {
        this.region = region;
    }

    /**
     * A normaliser that reads national phone numbers in a region.
     *
     * @param region ISO 3166-1 alpha-2 code, e.g. {@code ES}, {@code GB} (any case)
     * @throws IllegalArgumentException if libphonenumber knows no numbering plan for it
     */
    public static IdentityNormaliser forRegion(String region) {
        Objects.requireNonNull(region, "region");
        String code = region.strip().toUpperCase(Locale.ROOT);
        if (!PHONES.getSupportedRegions().contains(code)) {
            throw new IllegalArgumentException(
                    "no phone numbering plan for region '" + region + "'");
        }
        return new IdentityNormaliser(code);
    }

    /**
     * A normaliser for a tenant without a default region: only international phone numbers ({@code
     * +} or {@code 00}) are accepted.
     */
    public static IdentityNormaliser withoutDefaultRegion() {
        return new IdentityNormaliser(UNKNOWN_REGION);
    }

    /** The region national numbers are read in, if there is one. */
    public Optional<String> defaultRegion() {
        return UNKNOWN_REGION.equals(region) ? Optional.empty() : Optional.of(region);
    }

    /**
     * Normalises one raw identity.
     *
     * <p>E-mail addresses are lower-cased whole, the local part too. RFC 5321 lets a server treat
     * {@code Ana@example.com} and {@code ana@example.com} as different mailboxes, but no mainstream
     * provider does, while people type their address in any case. The value is a match key: kept
     * case-sensitive, one person would become two customers and slip past the
     * one-owner-per-identity rule. The raw form is kept for writing to them. Nothing else is folded
     * (no Gmail dot or {@code +tag} rules): those are one provider's conventions, not the
     * address's.
     *
     * @param kind what the value is
     * @param raw the value as given; null counts as blank
     * @return the value to keep, or why it was refused
     */
    public Normalisation normalise(IdentityKind kind, String raw) {
        Objects.requireNonNull(kind, "kind");
        String given = raw == null ? "" : raw;
        String trimmed = given.strip();
        if (trimmed.isEmpty()) {
            return refuse(kind, given, RefusalReason.BLANK, "a " + noun(kind) + " is required");
        }
        int max = kind.isPhoneNumber() ? MAX_PHONE_INPUT : MAX_VALUE;
        if (trimmed.length() > max) {
            return refuse(
                    kind,
                    given,
                    RefusalReason.TOO_LONG,
                    "a " + noun(kind) + " has at most " + max + " characters");
        }
        return switch (kind) {
            case PHONE -> phone(kind, given, trimmed, false);
            case WHATSAPP -> phone(kind, given, trimmed, true);
            case EMAIL -> email(given, trimmed);
            case INSTAGRAM -> instagram(given, trimmed);
            case EXTERNAL_ID -> namespaced(given, trimmed);
        };
    }

    /** Normalises an external id given as its system and the id in that system. */
    public Normalisation externalId(String system, String id) {
        String s = system == null ? "" : system.strip();
        String raw = s + ":" + (id == null ? "" : id);
        if (s.isEmpty() || s.contains(":")) {
            return refuse(
                    IdentityKind.EXTERNAL_ID,
                    raw,
                    RefusalReason.MISSING_SYSTEM,
                    "an external id needs the name of its system, e.g. booking:123");
        }
        return normalise(IdentityKind.EXTERNAL_ID, raw);
    }

    /**
     * The identity for a raw value, when the caller treats refusal as an error.
     *
     * @throws IdentityRefusedException with the reason, if it is refused
     */
    public Identity identity(IdentityKind kind, String raw, boolean verified, boolean primary) {
        Normalisation result = normalise(kind, raw);
        if (result instanceof Normalisation.Accepted accepted) {
            return accepted.toIdentity(verified, primary);
        }
        throw new IdentityRefusedException((Normalisation.Refused) result);
    }

    private Normalisation phone(IdentityKind kind, String raw, String trimmed, boolean bareDigits) {
        Normalisation first = parsePhone(kind, raw, trimmed, region);
        if (first instanceof Normalisation.Accepted) {
            return first;
        }
        int digit = firstDigit(trimmed);
        if (digit >= 0 && trimmed.startsWith("00", digit) && !trimmed.contains("+")) {
            // 00 is the international prefix nearly everywhere, but libphonenumber only strips the
            // default region's own (011 in the US, 0011 in Australia): read it as '+'.
            String plus = trimmed.substring(0, digit) + "+" + trimmed.substring(digit + 2);
            return parsePhone(kind, raw, plus, region);
        }
        if (bareDigits && DIGITS.matcher(trimmed).matches()) {
            Normalisation international = parsePhone(kind, raw, "+" + trimmed, region);
            if (international instanceof Normalisation.Accepted) {
                return international;
            }
        }
        return first;
    }

    private static Normalisation parsePhone(
            IdentityKind kind, String raw, String text, String region) {
        PhoneNumber number;
        try {
            number = PHONES.parse(text, region);
        } catch (NumberParseException e) {
            return switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE ->
                        refuse(
                                kind,
                                raw,
                                RefusalReason.UNKNOWN_COUNTRY,
                                UNKNOWN_REGION.equals(region)
                                        ? "start the number with + and its country code: this tenant has"
                                                + " no default region for national numbers"
                                        : "the number's country code is unknown");
                case NOT_A_NUMBER ->
                        refuse(kind, raw, RefusalReason.NOT_A_NUMBER, "this is not a phone number");
                case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN ->
                        refuse(kind, raw, RefusalReason.TOO_SHORT, "the number has too few digits");
                case TOO_LONG ->
                        refuse(kind, raw, RefusalReason.TOO_LONG, "the number has too many digits");
            };
        }
        String where = where(number);
        switch (PHONES.isPossibleNumberWithReason(number)) {
            case IS_POSSIBLE:
                break;
            case IS_POSSIBLE_LOCAL_ONLY:
                return refuse(
                        kind,
                        raw,
                        RefusalReason.TOO_SHORT,
                        "a local number: add its area code (" + where + ")");
            case INVALID_COUNTRY_CODE:
                return refuse(
                        kind,
                        raw,
                        RefusalReason.UNKNOWN_COUNTRY,
                        "+" + number.getCountryCode() + " is no country's code");
            case TOO_SHORT:
                return refuse(
                        kind,
                        raw,
                        RefusalReason.TOO_SHORT,
                        "too few digits for a number in " + where);
            case TOO_LONG:
                return refuse(
                        kind,
                        raw,
                        RefusalReason.TOO_LONG,
                        "too many digits for a number in " + where);
            case INVALID_LENGTH:
            default:
                return refuse(
                        kind,
                        raw,
                        RefusalReason.INVALID_LENGTH,
                        "no number in " + where + " has this many digits");
        }
        if (!PHONES.isValidNumber(number)) {
            return refuse(
                    kind,
                    raw,
                    RefusalReason.INVALID_NUMBER,
                    "not a number in use in " + where + ": no such range");
        }
        String extension = number.hasExtension() ? number.getExtension() : null;
        return new Normalisation.Accepted(
                kind, raw, PHONES.format(number, PhoneNumberFormat.E164), extension);
    }

    private static Normalisation email(String raw, String trimmed) {
        IdentityKind kind = IdentityKind.EMAIL;
        if (hasSpaceOrControl(trimmed)) {
            return refuse(
                    kind,
                    raw,
                    RefusalReason.INVALID_CHARACTERS,
                    "an e-mail address has no spaces or control characters");
        }
        String value = trimmed.toLowerCase(Locale.ROOT);
        int at = value.indexOf('@');
        if (at < 0 || at != value.lastIndexOf('@')) {
            return refuse(
                    kind, raw, RefusalReason.INVALID_EMAIL, "an e-mail address has exactly one @");
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        if (local.isEmpty() || local.length() > MAX_EMAIL_LOCAL) {
            return refuse(
                    kind,
                    raw,
                    RefusalReason.INVALID_EMAIL,
                    "the part before @ has 1 to " + MAX_EMAIL_LOCAL + " characters");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return refuse(
                    kind,
                    raw,
                    RefusalReason.INVALID_EMAIL,
                    "the domain after @ needs a dot, e.g. example.com");
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) {
                return refuse(
                        kind,
                        raw,
                        RefusalReason.INVALID_EMAIL,
                        "the domain's parts between dots have 1 to 63 characters");
            }
        }
        return new Normalisation.Accepted(kind, raw, value, null);
    }

    private static Normalisation instagram(String raw, String trimmed) {
        if (hasSpaceOrControl(trimmed)) {
            return refuse(
                    IdentityKind.INSTAGRAM,
                    raw,
                    RefusalReason.INVALID_CHARACTERS,
                    "an Instagram id has no spaces or control characters");
        }
        return new Normalisation.Accepted(IdentityKind.INSTAGRAM, raw, trimmed, null);
    }

    private static Normalisation namespaced(String raw, String trimmed) {
        IdentityKind kind = IdentityKind.EXTERNAL_ID;
        int colon = trimmed.indexOf(':');
        String system =
                colon < 0 ? "" : trimmed.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        if (!SYSTEM.matcher(system).matches()) {
            return refuse(
                    kind,
                    raw,
                    RefusalReason.MISSING_SYSTEM,
                    "an external id is system:id, e.g. booking:123, with a system name of letters,"
                            + " digits, '.', '_' or '-' (at most 32)");
        }
        String id = trimmed.substring(colon + 1).strip();
        if (id.isEmpty()) {
            return refuse(
                    kind, raw, RefusalReason.BLANK, "the id after '" + system + ":' is required");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            return refuse(
                    kind,
                    raw,
                    RefusalReason.INVALID_CHARACTERS,
                    "an external id has no control characters");
        }
        return new Normalisation.Accepted(kind, raw, system + ":" + id, null);
    }

    private static String where(PhoneNumber number) {
        String code = PHONES.getRegionCodeForCountryCode(number.getCountryCode());
        if (code == null || UNKNOWN_REGION.equals(code) || "001".equals(code)) {
            return "+" + number.getCountryCode();
        }
        return new Locale("", code).getDisplayCountry(Locale.ENGLISH) + " (" + code + ")";
    }

    private static int firstDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasSpaceOrControl(String text) {
        return text.codePoints()
                .anyMatch(
                        c ->
                                Character.isWhitespace(c)
                                        || Character.isSpaceChar(c)
                                        || Character.isISOControl(c));
    }

    private static String noun(IdentityKind kind) {
        return switch (kind) {
            case PHONE -> "phone number";
            case EMAIL -> "e-mail address";
            case WHATSAPP -> "WhatsApp number";
            case INSTAGRAM -> "Instagram id";
            case EXTERNAL_ID -> "external id";
        };
    }

    private static Normalisation.Refused refuse(
            IdentityKind kind, String raw, RefusalReason reason, String message) {
        return new Normalisation.Refused(kind, raw, reason, message);
    }
}
