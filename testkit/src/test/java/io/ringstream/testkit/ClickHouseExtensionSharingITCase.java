package io.ringstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every registration in one JVM must reach the same server, or CI pays a start per class. */
class ClickHouseExtensionSharingITCase {
    @RegisterExtension static final ClickHouseExtension STATIC_FIELD = new ClickHouseExtension();

    @Nested
    class RegisteredAsAnInstanceField {
        @RegisterExtension final ClickHouseExtension instanceField = new ClickHouseExtension();

        @Test
        void reachesTheSameServer() {
            assertThat(instanceField.httpPort()).isEqualTo(STATIC_FIELD.httpPort());
            assertThat(instanceField.jdbcUrl()).isEqualTo(STATIC_FIELD.jdbcUrl());
        }
    }
}
