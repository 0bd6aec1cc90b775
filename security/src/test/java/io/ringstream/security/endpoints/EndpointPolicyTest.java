package io.ringstream.security.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointPolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"PJSIP/1001", "SIP/20", "IAX2/12345678"})
    void deskPhonesAreAllowed(String endpoint) {
        assertThat(EndpointPolicy.DEFAULT.problem(endpoint)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // The toll-fraud attempt found on main: a trunk and a premium-rate SIP URI.
                "PJSIP/itsp-trunk/sip:+19005550100@premium.example.net",
                "PJSIP/1001@trunk",
                "PJSIP/sip:1001@example.net",
                "Local/1001@from-internal",
                "DAHDI/g0/19005550100",
                "PJSIP/1001&PJSIP/itsp/19005550100",
                "PJSIP/1001,,tTr",
                "pjsip/1001",
                "PJSIP/",
                "PJSIP/123456789",
                "1001",
                "",
            })
    void anythingElseIsRefused(String endpoint) {
        assertThat(EndpointPolicy.DEFAULT.problem(endpoint)).isPresent();
    }

    @Test
    void aTenantPatternCannotReopenWhatTheSafeAlphabetCloses() {
        EndpointPolicy loose = new EndpointPolicy(Set.of("PJSIP"), ".*");
        assertThat(loose.allows("PJSIP/agent-7")).isTrue();
        assertThat(loose.allows("PJSIP/itsp/sip:+1900@x")).isFalse();
        assertThat(loose.allows("PJSIP/1001@trunk")).isFalse();
    }

    @Test
    void aBadPolicyIsRefusedWhenItIsSet() {
        assertThatThrownBy(() -> new EndpointPolicy(Set.of(), "[0-9]+"))
                .hasMessageContaining("technology");
        assertThatThrownBy(() -> new EndpointPolicy(Set.of("PJSIP"), "[0-9"))
                .hasMessageContaining("regular expression");
        assertThatThrownBy(() -> new EndpointPolicy(Set.of("pjsip/x"), "[0-9]+"))
                .hasMessageContaining("technology");
    }
}
