package io.ringstream.clickhouse;

import static io.ringstream.clickhouse.ClickHouseInstaller.Plan.ALREADY_INSTALLED;
import static io.ringstream.clickhouse.ClickHouseInstaller.Plan.ASK_THE_USER;
import static io.ringstream.clickhouse.ClickHouseInstaller.Plan.INSTALL_WITH_APT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When we install clickhouse-server ourselves and when we ask the user to. */
class ClickHouseInstallerTest {

    @Test
    void installsOnlyWhenMissingAndRootWithAptGet() {
        assertThat(ClickHouseInstaller.plan(true, true, true)).isEqualTo(ALREADY_INSTALLED);
        assertThat(ClickHouseInstaller.plan(true, false, false)).isEqualTo(ALREADY_INSTALLED);
        assertThat(ClickHouseInstaller.plan(false, true, true)).isEqualTo(INSTALL_WITH_APT);
        assertThat(ClickHouseInstaller.plan(false, true, false)).isEqualTo(ASK_THE_USER);
        assertThat(ClickHouseInstaller.plan(false, false, true)).isEqualTo(ASK_THE_USER);
    }

    @Test
    void theHintNamesTheExactPackages() {
        assertThat(ClickHouseInstaller.INSTALL_HINT)
                .contains("apt-get install -y clickhouse-server clickhouse-client");
    }
}
