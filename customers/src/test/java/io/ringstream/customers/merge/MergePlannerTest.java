package io.ringstream.customers.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.customers.identity.Identity;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.customers.model.ConsentState;
import io.ringstream.customers.model.Consents;
import io.ringstream.customers.model.Customer;
import io.ringstream.customers.model.CustomerId;
import io.ringstream.customers.model.Lead;
import io.ringstream.customers.model.LeadId;
import io.ringstream.customers.model.Note;
import io.ringstream.customers.model.NoteId;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each merge rule on its own, given/when/then. */
class MergePlannerTest {
    static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
    static final Instant T1 = Instant.parse("2026-11-20T09:00:00Z");
    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    final Customer survivor =
            Customer.builder(CustomerId.random(), "spa", T1)
                    .displayName("Ana García")
                    .tier("gold")
                    .tags(Set.of("vip", "spa"))
                    .attributes(Map.of("room", "sea view", "diet", "vegan"))
                    .version(4)
                    .build();
    final Customer merged =
            Customer.builder(CustomerId.random(), "spa", T0)
                    .displayName("A. Garcia")
                    .preferredLanguage("es")
                    .ownerAgent("1002")
                    .tags(Set.of("whatsapp", "vip"))
                    .attributes(Map.of("room", "garden", "allergy", "nuts"))
                    .version(2)
                    .build();

    private static Identity id(IdentityKind kind, String value, boolean verified, boolean primary) {
        return new Identity(kind, value, null, verified, primary);
    }

    private MergeRequest request(Customer s, Customer m) {
        return new MergeRequest(
                s,
                m,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Redirects.none(),
                "admin",
                "same phone",
                NOW);
    }

    @Test
    void givenTwoCustomers_whenMerged_thenTheSurvivorsValuesWinAndTheMergedOnesFillGaps() {
        MergePlan plan = MergePlanner.plan(request(survivor, merged));

        Customer after = plan.survivor();
        assertThat(after.id()).isEqualTo(survivor.id());
        assertThat(after.displayName()).isEqualTo("Ana García");
        assertThat(after.tier()).isEqualTo("gold");
        assertThat(after.preferredLanguage()).isEqualTo("es");
        assertThat(after.ownerAgent()).isEqualTo("1002");
        assertThat(after.version()).isEqualTo(4);
        assertThat(after.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void givenTwoCustomers_whenMerged_thenCreatedIsTheEarlierOfTheTwo() {
        assertThat(MergePlanner.plan(request(survivor, merged)).survivor().createdAt())
                .isEqualTo(T0);
    }

    @Test
    void givenTagsAndAttributesOnBoth_whenMerged_thenUnionsWithTheSurvivorWinningConflicts() {
        Customer after = MergePlanner.plan(request(survivor, merged)).survivor();

        assertThat(after.tags()).containsExactly("spa", "vip", "whatsapp");
        assertThat(after.attributes())
                .isEqualTo(Map.of("allergy", "nuts", "diet", "vegan", "room", "sea view"));
    }

    @Test
    void givenConflictingValues_whenMerged_thenEveryLosingValueIsInTheAudit() {
        MergeAudit audit = MergePlanner.plan(request(survivor, merged)).audit();

        assertThat(audit.discarded())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("displayName", "A. Garcia", "attributes.room", "garden"));
        assertThat(audit.survivorBefore()).isEqualTo(survivor);
        assertThat(audit.mergedBefore()).isEqualTo(merged);
        assertThat(audit.actor()).isEqualTo("admin");
        assertThat(audit.reason()).isEqualTo("same phone");
        assertThat(audit.at()).isEqualTo(NOW);
    }

    @Test
    void givenAMarketingOptOutOnTheMergedRecord_whenMerged_thenTheOptOutIsKept() {
        Customer s =
                survivor.toBuilder()
                        .consents(
                                new Consents(
                                        ConsentState.GRANTED, null, null, ConsentState.GRANTED))
                        .build();
        Customer m =
                merged.toBuilder()
                        .consents(
                                new Consents(null, ConsentState.GRANTED, null, ConsentState.DENIED))
                        .build();

        Consents after = MergePlanner.plan(request(s, m)).survivor().consents();

        assertThat(after)
                .isEqualTo(
                        new Consents(
                                ConsentState.GRANTED,
                                ConsentState.GRANTED,
                                ConsentState.UNKNOWN,
                                ConsentState.DENIED));
    }

    @Test
    void givenIdentitiesOnBoth_whenMerged_thenTheMergedOnesMoveAndEachKindKeepsOnePrimary() {
        Identity survivorPhone = id(IdentityKind.PHONE, "+34612345678", false, true);
        Identity sharedEmail = id(IdentityKind.EMAIL, "ana@example.com", false, false);
        Identity mergedPhone = id(IdentityKind.PHONE, "+34699111222", true, true);
        Identity mergedWhatsApp = id(IdentityKind.WHATSAPP, "+34699111222", true, true);
        Identity mergedEmailCopy = id(IdentityKind.EMAIL, "ana@example.com", true, true);
        MergeRequest r =
                new MergeRequest(
                        survivor,
                        merged,
                        List.of(survivorPhone, sharedEmail),
                        List.of(mergedPhone, mergedWhatsApp, mergedEmailCopy),
                        List.of(),
                        List.of(),
                        Redirects.none(),
                        "admin",
                        null,
                        NOW);

        MergePlan plan = MergePlanner.plan(r);

        assertThat(plan.identitiesToMove())
                .containsExactly(mergedPhone.withPrimary(false), mergedWhatsApp);
        assertThat(plan.duplicateIdentities()).containsExactly(mergedEmailCopy);
        assertThat(plan.survivorIdentities())
                .containsExactlyInAnyOrder(
                        survivorPhone,
                        sharedEmail.withVerified(true),
                        mergedPhone.withPrimary(false),
                        mergedWhatsApp);
        assertThat(plan.survivorIdentities().stream().filter(Identity::primary).map(Identity::kind))
                .doesNotHaveDuplicates();
        assertThat(plan.audit().movedIdentities())
                .containsExactly("PHONE:+34699111222", "WHATSAPP:+34699111222");
    }

    @Test
    void givenLeadsAndNotes_whenMerged_thenTheyMoveToTheSurvivorUnchangedOtherwise() {
        Lead lead = Lead.create(LeadId.random(), "spa", merged.id(), "voice", T0);
        Note note =
                new Note(
                        NoteId.random(),
                        "spa",
                        merged.id(),
                        lead.id(),
                        "1002",
                        "prefers mornings",
                        T0);
        MergeRequest r =
                new MergeRequest(
                        survivor,
                        merged,
                        List.of(),
                        List.of(),
                        List.of(lead),
                        List.of(note),
                        Redirects.none(),
                        "admin",
                        null,
                        NOW);

        MergePlan plan = MergePlanner.plan(r);

        assertThat(plan.leadsToMove()).containsExactly(lead.withCustomer(survivor.id()));
        assertThat(plan.notesToMove()).containsExactly(note.withCustomer(survivor.id()));
        assertThat(plan.leadsToMove().get(0).stage()).isEqualTo(lead.stage());
        assertThat(plan.audit().movedLeads()).containsExactly(lead.id());
        assertThat(plan.audit().movedNotes()).containsExactly(note.id());
    }

    @Test
    void givenAMerge_whenPlanned_thenTheMergedIdRedirectsToTheSurvivor() {
        Redirect redirect = MergePlanner.plan(request(survivor, merged)).redirect();

        assertThat(redirect).isEqualTo(new Redirect("spa", merged.id(), survivor.id(), NOW));
    }

    @Test
    void givenTheSameRequestTwice_whenPlanned_thenThePlansAreEqual() {
        assertThat(MergePlanner.plan(request(survivor, merged)))
                .isEqualTo(MergePlanner.plan(request(survivor, merged)));
    }

    @Test
    void givenACustomerAndItself_whenMerged_thenRefused() {
        assertRefused(request(survivor, survivor), MergeRefusal.SAME_CUSTOMER);
    }

    @Test
    void givenCustomersOfTwoTenants_whenMerged_thenRefused() {
        Customer other = Customer.create(CustomerId.random(), "hotel", "Ana", T0);

        assertRefused(request(survivor, other), MergeRefusal.DIFFERENT_TENANTS);
    }

    @Test
    void givenAMergedCustomerThatIsAlreadyARedirect_whenMergedAgain_thenRefused() {
        CustomerId elsewhere = CustomerId.random();
        Redirects redirects =
                Redirects.of(List.of(new Redirect("spa", merged.id(), elsewhere, T1)));
        MergeRequest r =
                new MergeRequest(
                        survivor, merged, List.of(), List.of(), List.of(), List.of(), redirects,
                        "admin", null, NOW);

        assertRefused(r, MergeRefusal.ALREADY_REDIRECTED);
    }

    @Test
    void givenASurvivorThatIsARedirect_whenMergedInto_thenRefused() {
        Redirects redirects =
                Redirects.of(List.of(new Redirect("spa", survivor.id(), CustomerId.random(), T1)));
        MergeRequest r =
                new MergeRequest(
                        survivor, merged, List.of(), List.of(), List.of(), List.of(), redirects,
                        "admin", null, NOW);

        assertRefused(r, MergeRefusal.SURVIVOR_REDIRECTED);
    }

    @Test
    void givenALeadOfAnotherCustomer_whenListedAsTheMergedOnes_thenRefused() {
        Lead foreign = Lead.create(LeadId.random(), "spa", CustomerId.random(), "voice", T0);
        MergeRequest r =
                new MergeRequest(
                        survivor,
                        merged,
                        List.of(),
                        List.of(),
                        List.of(foreign),
                        List.of(),
                        Redirects.none(),
                        "admin",
                        null,
                        NOW);

        assertRefused(r, MergeRefusal.FOREIGN_RECORD);
    }

    @Test
    void givenANoteOfAnotherCustomer_whenListedAsTheMergedOnes_thenRefused() {
        Note foreign = new Note(NoteId.random(), "spa", survivor.id(), null, "1001", "x", T0);
        MergeRequest r =
                new MergeRequest(
                        survivor,
                        merged,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(foreign),
                        Redirects.none(),
                        "admin",
                        null,
                        NOW);

        assertRefused(r, MergeRefusal.FOREIGN_RECORD);
    }

    @Test
    void givenTagsWhoseUnionIsOverTheLimit_whenMerged_thenRefusedWithTheRule() {
        Set<String> a = new HashSet<>();
        Set<String> b = new HashSet<>();
        for (int i = 0; i < Customer.MAX_TAGS; i++) {
            a.add("a" + i);
            b.add("b" + i);
        }
        MergeRequest r =
                request(survivor.toBuilder().tags(a).build(), merged.toBuilder().tags(b).build());

        assertThatThrownBy(() -> MergePlanner.plan(r))
                .isInstanceOfSatisfying(
                        MergeRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(MergeRefusal.LIMIT_EXCEEDED))
                .hasMessageContaining("at most 100 tags");
    }

    @Test
    void givenNoActor_whenAMergeIsRequested_thenRefused() {
        assertThatThrownBy(
                        () ->
                                new MergeRequest(
                                        survivor, merged, null, null, null, null, null, " ", null,
                                        NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefused(MergeRequest r, MergeRefusal reason) {
        assertThatThrownBy(() -> MergePlanner.plan(r))
                .isInstanceOfSatisfying(
                        MergeRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
