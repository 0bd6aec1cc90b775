package io.ringstream.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The job's own plumbing that needs no cluster. */
class QueueStatsJobTest {

    @Test
    void migrationsConnectToTheDefaultDatabaseKeepingParameters() {
        assertThat(
                        QueueStatsJob.withDatabase(
                                "jdbc:clickhouse://ch:8123/ringstream?compress=false", "default"))
                .isEqualTo("jdbc:clickhouse://ch:8123/default?compress=false");
        assertThat(QueueStatsJob.withDatabase("jdbc:clickhouse://ch:8123", "default"))
                .isEqualTo("jdbc:clickhouse://ch:8123/default");
        assertThatThrownBy(() -> QueueStatsJob.withDatabase("ch:8123", "default"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
