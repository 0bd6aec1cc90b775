package io.ringstream.flink;

import io.ringstream.flink.archive.ArchiveTables;
import io.ringstream.flink.conversion.ConversionTables;
import io.ringstream.flink.routing.RoutingTables;
import io.ringstream.flink.sla.io.ServiceLevelTables;
import io.ringstream.testkit.ClickHouseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each job table's spec writes exactly the migrated table's columns, in their order. */
class TableSpecsITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @Test
    void specsMatchTheMigratedTables() {
        CLICKHOUSE.assertMatchesSchema(
                ArchiveTables.CONTACT_EVENTS,
                ArchiveTables.AGENT_EVENTS,
                ArchiveTables.DEAD_LETTERS,
                ArchiveTables.CUSTOMERS,
                ArchiveTables.CUSTOMER_CHANGES,
                ArchiveTables.BUSINESS_EVENTS,
                ConversionTables.FUNNEL_PROGRESS,
                ConversionTables.FUNNEL_STATS,
                ConversionTables.FUNNEL_CHANNEL_DAYS,
                ConversionTables.FUNNEL_AGENT_DAYS,
                ConversionTables.CUSTOMER_VALUE,
                ConversionTables.CUSTOMER_VALUE_FITS,
                ConversionTables.CUSTOMER_VALUE_DAYS,
                RoutingTables.ROUTING_DECISIONS,
                ServiceLevelTables.SLA_EVENTS,
                ServiceLevelTables.QUEUE_KPIS,
                ServiceLevelTables.AGENT_KPIS);
    }
}
