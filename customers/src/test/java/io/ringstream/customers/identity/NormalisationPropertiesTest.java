package io.ringstream.customers.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of normalisation: normalising a normalised value changes nothing (so stored values can
 * be re-normalised safely, e.g. by a migration), and every spelling of a number is one value.
 */
class NormalisationPropertiesTest {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final List<String> REGIONS =
            PHONES.getSupportedRegions().stream().sorted().collect(Collectors.toList());

    /** A valid number of some region, with the region whose tenant reads it. */
    record Sample(String region, PhoneNumber number, String written) {}

    @Provide
    Arbitrary<Sample> writtenNumbers() {
        Arbitrary<String> regions = Arbitraries.of(REGIONS);
        Arbitrary<PhoneNumberFormat> formats =
                Arbitraries.of(
                        PhoneNumberFormat.E164,
                        PhoneNumberFormat.INTERNATIONAL,
                        PhoneNumberFormat.NATIONAL,
                        PhoneNumberFormat.RFC3966);
        Arbitrary<String> separators = Arbitraries.of(" ", "-", ".", "  ");
        return Combinators.combine(regions, formats, separators)
                .as(
                        (region, format, separator) -> {
                            PhoneNumber number = PHONES.getExampleNumber(region);
                            if (number == null) {
                                return null;
                            }
                            String written = PHONES.format(number, format);
                            if (format != PhoneNumberFormat.RFC3966) {
                                written = written.replace(" ", separator);
                            }
                            return new Sample(region, number, written);
                        })
                .filter(Objects::nonNull);
    }

    @Property
    void aPhoneWrittenAnyWayInItsOwnRegionIsItsE164(@ForAll("writtenNumbers") Sample sample) {
        Normalisation n =
                IdentityNormaliser.forRegion(sample.region())
                        .normalise(IdentityKind.PHONE, sample.written());

        assertThat(n).isInstanceOf(Normalisation.Accepted.class);
        assertThat(((Normalisation.Accepted) n).value())
                .isEqualTo(PHONES.format(sample.number(), PhoneNumberFormat.E164));
    }

    @Property
    void normalisingANormalisedPhoneChangesNothingInAnyRegion(
            @ForAll("writtenNumbers") Sample sample,
            @ForAll("regions") String otherTenantsRegion,
            @ForAll IdentityKind kind) {
        IdentityNormaliser own = IdentityNormaliser.forRegion(sample.region());
        IdentityKind phoneKind = kind.isPhoneNumber() ? kind : IdentityKind.PHONE;
        Normalisation once = own.normalise(phoneKind, sample.written());

        assertIdempotent(IdentityNormaliser.forRegion(otherTenantsRegion), once);
        assertIdempotent(IdentityNormaliser.withoutDefaultRegion(), once);
    }

    @Provide
    Arbitrary<String> regions() {
        return Arbitraries.of(REGIONS);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789+-() .x#@:abcAB").ofMaxLength(30),
                Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .withCharRange('A', 'Z')
                        .withChars("._+-ÄÉİß")
                        .ofMinLength(1)
                        .ofMaxLength(12)
                        .map(s -> " " + s + "@" + s + ".Example.COM "));
    }

    @Property(tries = 2000)
    void normalisingAnyAcceptedValueAgainChangesNothing(
            @ForAll("anyText") String raw,
            @ForAll IdentityKind kind,
            @ForAll("regions") String region) {
        IdentityNormaliser normaliser = IdentityNormaliser.forRegion(region);

        assertIdempotent(normaliser, normaliser.normalise(kind, raw));
    }

    private static void assertIdempotent(IdentityNormaliser normaliser, Normalisation once) {
        if (!(once instanceof Normalisation.Accepted accepted)) {
            return;
        }
        Normalisation twice = normaliser.normalise(accepted.kind(), accepted.value());
        assertThat(twice).isInstanceOf(Normalisation.Accepted.class);
        assertThat(((Normalisation.Accepted) twice).value()).isEqualTo(accepted.value());
        assertThat(((Normalisation.Accepted) twice).droppedExtension()).isEmpty();
    }
}
