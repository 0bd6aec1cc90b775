package io.ringstream.routing.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantNamesTest {

    @Test
    void acceptsSimpleNames() {
        assertThat(TenantNames.isValid("default")).isTrue();
        assertThat(TenantNames.isValid("acme-eu_2")).isTrue();
        assertThat(TenantNames.isValid("a".repeat(64))).isTrue();
    }

    @Test
    void rejectsAnythingThatCouldSurpriseAQueryOrALabel() {
        assertThat(TenantNames.isValid(null)).isFalse();
        assertThat(TenantNames.isValid("")).isFalse();
        assertThat(TenantNames.isValid("Acme")).isFalse();
        assertThat(TenantNames.isValid("-acme")).isFalse();
        assertThat(TenantNames.isValid("acme'; DROP TABLE x")).isFalse();
        assertThat(TenantNames.isValid("a".repeat(65))).isFalse();
    }
}
