package io.ringstream.routing.screenpop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.customers.identity.RefusalReason;
import io.ringstream.events.Channel;
import io.ringstream.routing.customers.IdentityMatch;
import io.ringstream.routing.screenpop.IdentificationRules.CreateCustomerAndLead;
import io.ringstream.routing.screenpop.IdentificationRules.Settled;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What each lookup result means for the caller, without a database. */
class IdentificationRulesTest {
    private static final UUID ANA = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID BEA = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @Test
    void oneHolderIsTheCaller() {
        // given a number one customer holds
        IdentityMatch found = new IdentityMatch.One(ANA);
        // when deciding
        IdentificationRules.Decision decision = IdentificationRules.decide(found, true);
        // then that customer is the caller
        assertThat(decision).isEqualTo(new Settled(Identification.of(ANA)));
    }

    @Test
    void severalHoldersAreCandidatesAndNobodyIsLinked() {
        IdentityMatch found = new IdentityMatch.Many(List.of(ANA, BEA));

        IdentificationRules.Decision decision = IdentificationRules.decide(found, true);

        assertThat(decision).isEqualTo(new Settled(Identification.ambiguous(List.of(ANA, BEA))));
        assertThat(((Settled) decision).identification().customerId()).isNull();
    }

    @Test
    void anUnknownNumberIsCreatedWhenTheTenantSaysSo() {
        IdentityMatch found = new IdentityMatch.None("+34612345678");

        assertThat(IdentificationRules.decide(found, true))
                .isInstanceOf(CreateCustomerAndLead.class);
        assertThat(IdentificationRules.decide(found, false))
                .isEqualTo(new Settled(Identification.UNKNOWN));
    }

    @Test
    void aRefusedNumberIsUnknownAndNeverCreates() {
        // given a withheld or invalid number
        IdentityMatch found = new IdentityMatch.Refused(RefusalReason.NOT_A_NUMBER, "anonymous");
        // when the tenant creates unknown callers
        IdentificationRules.Decision decision = IdentificationRules.decide(found, true);
        // then nothing is created
        assertThat(decision).isEqualTo(new Settled(Identification.UNKNOWN));
    }

    @Test
    void aCreationOrARaceWonByAnotherAskGivesTheCustomerWithTheContactsLead() {
        UUID lead = IdentificationRules.leadIdOf("t", "c1");

        assertThat(IdentificationRules.afterCreation(new IdentityMatch.Created(ANA), lead))
                .isEqualTo(new Identification(ANA, List.of(), lead));
        assertThat(IdentificationRules.afterCreation(new IdentityMatch.One(ANA), lead))
                .isEqualTo(new Identification(ANA, List.of(), lead));
        assertThat(
                        IdentificationRules.afterCreation(
                                new IdentityMatch.Many(List.of(ANA, BEA)), lead))
                .isEqualTo(Identification.ambiguous(List.of(ANA, BEA)));
    }

    @Test
    void theLeadIdIsTheSameForEveryAskOfAContactAndDiffersAcrossContactsAndTenants() {
        assertThat(IdentificationRules.leadIdOf("t", "c1"))
                .isEqualTo(IdentificationRules.leadIdOf("t", "c1"))
                .isNotEqualTo(IdentificationRules.leadIdOf("t", "c2"))
                .isNotEqualTo(IdentificationRules.leadIdOf("u", "c1"));
    }

    @Test
    void theLeadsSourceChannelIsTheContactsChannelAsAToken() {
        assertThat(IdentificationRules.sourceChannelOf(Channel.VOICE)).isEqualTo("voice");
        assertThat(IdentificationRules.sourceChannelOf(Channel.CHAT)).isEqualTo("chat");
    }
}
