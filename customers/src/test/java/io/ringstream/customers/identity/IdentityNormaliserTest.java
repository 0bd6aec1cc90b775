package io.ringstream.customers.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Identity normalisation, given/when/then: each test names its situation and outcome. */
class IdentityNormaliserTest {
    private final IdentityNormaliser spain = IdentityNormaliser.forRegion("ES");
    private final IdentityNormaliser us = IdentityNormaliser.forRegion("us");

    private static Normalisation.Accepted accepted(Normalisation n) {
        assertThat(n).isInstanceOf(Normalisation.Accepted.class);
        return (Normalisation.Accepted) n;
    }

    private static Normalisation.Refused refused(Normalisation n) {
        assertThat(n).isInstanceOf(Normalisation.Refused.class);
        return (Normalisation.Refused) n;
    }

    /** Phone numbers: formats, regions, extensions and every refusal. */
    @Nested
    class Phones {
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "612345678",
                    "612 34 56 78",
                    "612-345-678",
                    "(612) 345 678",
                    "612.345.678",
                    "+34 612 34 56 78",
                    "+34612345678",
                    "0034 612 345 678",
                    "(+34) 612-345-678",
                    "  612345678  ",
                    "tel:+34-612-34-56-78"
                })
        void givenASpanishTenant_whenAMobileIsWrittenAnyWay_thenItIsOneE164Value(String raw) {
            Normalisation.Accepted a = accepted(spain.normalise(IdentityKind.PHONE, raw));

            assertThat(a.value()).isEqualTo("+34612345678");
            assertThat(a.raw()).isEqualTo(raw);
            assertThat(a.droppedExtension()).isEmpty();
        }

        @Test
        void givenASpanishTenant_whenAForeignNumberIsInternational_thenItKeepsItsOwnCountry() {
            assertThat(accepted(spain.normalise(IdentityKind.PHONE, "+44 20 7946 0958")).value())
                    .isEqualTo("+442079460958");
            assertThat(
                            accepted(spain.normalise(IdentityKind.PHONE, "0044 (0)20 7946 0958"))
                                    .value())
                    .isEqualTo("+442079460958");
        }

        @Test
        void givenAUsTenant_whenANumberIsNational_thenTheUsCountryCodeIsAdded() {
            assertThat(accepted(us.normalise(IdentityKind.PHONE, "(201) 555-0123")).value())
                    .isEqualTo("+12015550123");
            assertThat(accepted(us.normalise(IdentityKind.PHONE, "1-201-555-0123")).value())
                    .isEqualTo("+12015550123");
        }

        @Test
        void
                givenAUsTenant_whenAForeignNumberStartsWith00OrTheUsPrefix011_thenBothAreInternational() {
            assertThat(accepted(us.normalise(IdentityKind.PHONE, "00 34 612 345 678")).value())
                    .isEqualTo("+34612345678");
            assertThat(accepted(us.normalise(IdentityKind.PHONE, "011 34 612 345 678")).value())
                    .isEqualTo("+34612345678");
        }

        @Test
        void
                givenTwoTenantsInDifferentRegions_whenTheyReadTheSameNationalDigits_thenTheyGetTheirOwnCountry() {
            assertThat(
                            accepted(
                                            IdentityNormaliser.forRegion("GB")
                                                    .normalise(IdentityKind.PHONE, "020 7946 0958"))
                                    .value())
                    .isEqualTo("+442079460958");
            assertThat(refused(spain.normalise(IdentityKind.PHONE, "020 7946 0958")).reason())
                    .isNotNull();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "+34 912 345 678 ext. 204",
                    "+34 912 345 678 ext 204",
                    "+34 912 345 678 x204",
                    "912 345 678 #204",
                    "tel:+34912345678;ext=204",
                    "912345678 extension 204"
                })
        void givenANumberWithAnExtension_whenNormalised_thenTheExtensionIsDroppedButReported(
                String raw) {
            Normalisation.Accepted a = accepted(spain.normalise(IdentityKind.PHONE, raw));

            assertThat(a.value()).isEqualTo("+34912345678");
            assertThat(a.droppedExtension()).contains("204");
            assertThat(a.toIdentity(false, false).raw()).isEqualTo(raw);
        }

        @Test
        void givenTooFewDigits_whenNormalised_thenRefusedAsTooShortNamingTheCountry() {
            Normalisation.Refused r = refused(spain.normalise(IdentityKind.PHONE, "61234"));

            assertThat(r.reason()).isEqualTo(RefusalReason.TOO_SHORT);
            assertThat(r.message()).contains("Spain (ES)");
        }

        @Test
        void
                givenAUsLocalNumberWithoutItsAreaCode_whenNormalised_thenRefusedAskingForTheAreaCode() {
            Normalisation.Refused r = refused(us.normalise(IdentityKind.PHONE, "555-0123"));

            assertThat(r.reason()).isEqualTo(RefusalReason.TOO_SHORT);
            assertThat(r.message()).contains("area code");
        }

        @Test
        void givenTooManyDigits_whenNormalised_thenRefusedAsTooLong() {
            Normalisation.Refused r =
                    refused(spain.normalise(IdentityKind.PHONE, "+34 612 345 678 123 456 789"));

            assertThat(r.reason()).isEqualTo(RefusalReason.TOO_LONG);
        }

        @Test
        void givenTheRightLengthOutsideEveryRange_whenNormalised_thenRefusedAsInvalidNumber() {
            // Spanish numbers never start with 0 or 1 after the country code.
            Normalisation.Refused r =
                    refused(spain.normalise(IdentityKind.PHONE, "+34 012 345 678"));

            assertThat(r.reason()).isEqualTo(RefusalReason.INVALID_NUMBER);
            assertThat(r.message()).contains("Spain (ES)");
        }

        @Test
        void givenAnUnknownCountryCode_whenNormalised_thenRefusedAsUnknownCountry() {
            Normalisation.Refused r =
                    refused(spain.normalise(IdentityKind.PHONE, "+999 1234 5678"));

            assertThat(r.reason()).isEqualTo(RefusalReason.UNKNOWN_COUNTRY);
        }

        @Test
        void givenLettersOnly_whenNormalised_thenRefusedAsNotANumber() {
            Normalisation.Refused r = refused(spain.normalise(IdentityKind.PHONE, "call me"));

            assertThat(r.reason()).isEqualTo(RefusalReason.NOT_A_NUMBER);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\t"})
        void givenNothing_whenNormalised_thenRefusedAsBlank(String raw) {
            assertThat(refused(spain.normalise(IdentityKind.PHONE, raw)).reason())
                    .isEqualTo(RefusalReason.BLANK);
            assertThat(refused(spain.normalise(IdentityKind.PHONE, null)).reason())
                    .isEqualTo(RefusalReason.BLANK);
        }

        @Test
        void givenAVeryLongInput_whenNormalised_thenRefusedBeforeParsing() {
            assertThat(refused(spain.normalise(IdentityKind.PHONE, "6".repeat(101))).reason())
                    .isEqualTo(RefusalReason.TOO_LONG);
        }

        @Test
        void givenATenantWithoutRegion_whenANumberIsNational_thenRefusedAskingForTheCountryCode() {
            IdentityNormaliser none = IdentityNormaliser.withoutDefaultRegion();

            Normalisation.Refused r = refused(none.normalise(IdentityKind.PHONE, "612 345 678"));

            assertThat(r.reason()).isEqualTo(RefusalReason.UNKNOWN_COUNTRY);
            assertThat(r.message()).contains("country code");
            assertThat(accepted(none.normalise(IdentityKind.PHONE, "+34 612 345 678")).value())
                    .isEqualTo("+34612345678");
            assertThat(none.defaultRegion()).isEmpty();
        }

        @Test
        void givenAnUnknownRegion_whenANormaliserIsMade_thenItIsRefused() {
            assertThatThrownBy(() -> IdentityNormaliser.forRegion("XX"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("XX");
        }

        @Test
        void
                givenAnInvalidNumber_whenAnIdentityIsAskedForOutright_thenTheExceptionCarriesTheReason() {
            assertThatThrownBy(() -> spain.identity(IdentityKind.PHONE, "61234", false, false))
                    .isInstanceOfSatisfying(
                            IdentityRefusedException.class,
                            e ->
                                    assertThat(e.refusal().reason())
                                            .isEqualTo(RefusalReason.TOO_SHORT));
        }
    }

    /** WhatsApp ids: phone numbers, including WhatsApp's own digits-only form. */
    @Nested
    class WhatsApp {
        @Test
        void givenWhatsAppsOwnIdOfDigitsWithoutPlus_whenNormalised_thenItIsTheE164Number() {
            assertThat(accepted(spain.normalise(IdentityKind.WHATSAPP, "447911123456")).value())
                    .isEqualTo("+447911123456");
        }

        @Test
        void givenANationalNumber_whenNormalisedAsWhatsApp_thenTheTenantRegionApplies() {
            assertThat(accepted(spain.normalise(IdentityKind.WHATSAPP, "612 345 678")).value())
                    .isEqualTo("+34612345678");
        }

        @Test
        void
                givenTheSameNumberAsPhoneAndWhatsApp_whenNormalised_thenTheValuesMatchButTheKeysDiffer() {
            Identity phone = spain.identity(IdentityKind.PHONE, "612 345 678", true, true);
            Identity whatsapp = spain.identity(IdentityKind.WHATSAPP, "34612345678", false, false);

            assertThat(whatsapp.value()).isEqualTo(phone.value());
            assertThat(whatsapp.key()).isNotEqualTo(phone.key());
            assertThat(whatsapp.kind().isPhoneNumber()).isTrue();
        }

        @Test
        void givenTooFewDigits_whenNormalisedAsWhatsApp_thenRefusedWithAReason() {
            assertThat(refused(spain.normalise(IdentityKind.WHATSAPP, "12345")).reason())
                    .isEqualTo(RefusalReason.TOO_SHORT);
        }
    }

    /** E-mail addresses: case, spacing and what is not an address. */
    @Nested
    class Emails {
        @Test
        void
                givenMixedCaseAndSpaces_whenNormalised_thenTrimmedAndLowerCasedIncludingTheLocalPart() {
            Normalisation.Accepted a =
                    accepted(spain.normalise(IdentityKind.EMAIL, "  Ana.Garcia@Example.COM "));

            assertThat(a.value()).isEqualTo("ana.garcia@example.com");
            assertThat(a.raw()).isEqualTo("  Ana.Garcia@Example.COM ");
        }

        @Test
        void givenTwoSpellingsOfOneAddress_whenNormalised_thenTheyAreOneIdentity() {
            Identity a = spain.identity(IdentityKind.EMAIL, "ANA@example.com", false, false);
            Identity b = spain.identity(IdentityKind.EMAIL, "ana@EXAMPLE.com", true, true);

            assertThat(a.sameAs(b)).isTrue();
            assertThat(a.key()).isEqualTo("EMAIL:ana@example.com");
        }

        @Test
        void givenProviderConventions_whenNormalised_thenNothingButCaseIsFolded() {
            assertThat(
                            accepted(spain.normalise(IdentityKind.EMAIL, "Ana.G+Tours@gmail.com"))
                                    .value())
                    .isEqualTo("ana.g+tours@gmail.com");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "ana",
                    "ana@",
                    "@example.com",
                    "ana@@example.com",
                    "ana@b@example.com",
                    "ana@localhost",
                    "ana@example..com",
                    "ana@.example.com"
                })
        void givenNotAnAddress_whenNormalised_thenRefusedAsInvalidEmail(String raw) {
            Normalisation.Refused r = refused(spain.normalise(IdentityKind.EMAIL, raw));

            assertThat(r.reason()).isEqualTo(RefusalReason.INVALID_EMAIL);
            assertThat(r.message()).isNotBlank();
        }

        @Test
        void givenSpaceInside_whenNormalised_thenRefusedForItsCharacters() {
            assertThat(
                            refused(spain.normalise(IdentityKind.EMAIL, "ana garcia@example.com"))
                                    .reason())
                    .isEqualTo(RefusalReason.INVALID_CHARACTERS);
        }

        @Test
        void givenALocalPartOver64Characters_whenNormalised_thenRefused() {
            assertThat(
                            refused(
                                            spain.normalise(
                                                    IdentityKind.EMAIL,
                                                    "a".repeat(65) + "@example.com"))
                                    .reason())
                    .isEqualTo(RefusalReason.INVALID_EMAIL);
        }
    }

    /** Instagram ids kept as given; external ids namespaced by their system. */
    @Nested
    class InstagramAndExternalIds {
        @Test
        void givenAnInstagramId_whenNormalised_thenOnlyTrimmed() {
            assertThat(accepted(spain.normalise(IdentityKind.INSTAGRAM, " Ana.Tours ")).value())
                    .isEqualTo("Ana.Tours");
            assertThat(
                            accepted(spain.normalise(IdentityKind.INSTAGRAM, "17841400000000000"))
                                    .value())
                    .isEqualTo("17841400000000000");
        }

        @Test
        void givenAnInstagramIdWithASpace_whenNormalised_thenRefused() {
            assertThat(refused(spain.normalise(IdentityKind.INSTAGRAM, "ana tours")).reason())
                    .isEqualTo(RefusalReason.INVALID_CHARACTERS);
        }

        @Test
        void givenASystemAndAnId_whenNormalised_thenNamespacedWithALowerCaseSystem() {
            assertThat(accepted(spain.externalId("Booking", " AB-123 ")).value())
                    .isEqualTo("booking:AB-123");
            assertThat(
                            accepted(spain.normalise(IdentityKind.EXTERNAL_ID, " booking : 123"))
                                    .value())
                    .isEqualTo("booking:123");
        }

        @Test
        void givenAnIdContainingAColon_whenNormalised_thenOnlyTheFirstColonSeparatesTheSystem() {
            assertThat(accepted(spain.externalId("shop", "order:77")).value())
                    .isEqualTo("shop:order:77");
        }

        @ParameterizedTest
        @ValueSource(strings = {"123", ":123", "my system:123", "booking:", "book/ing:1"})
        void givenNoValidSystem_whenNormalised_thenRefusedAsMissingSystemOrBlank(String raw) {
            assertThat(refused(spain.normalise(IdentityKind.EXTERNAL_ID, raw)).reason())
                    .isIn(RefusalReason.MISSING_SYSTEM, RefusalReason.BLANK);
        }

        @Test
        void givenABlankId_whenNormalised_thenRefusedAsBlank() {
            assertThat(refused(spain.externalId("booking", "  ")).reason())
                    .isEqualTo(RefusalReason.BLANK);
            assertThat(refused(spain.externalId("", "123")).reason())
                    .isEqualTo(RefusalReason.MISSING_SYSTEM);
        }
    }
}
