package io.ringstream.testkit;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The Flink MiniCluster every job's integration tests run on: one TaskManager, as many slots as the
 * test's jobs need, shared by the test class. Register it as {@code @RegisterExtension static final
 * MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);}.
 *
 * <p>Flink's test utilities are not a dependency of testkit's users unless they have them: the
 * modules that call this bring their own.
 */
public final class FlinkMiniCluster {
    private FlinkMiniCluster() {}

    /**
     * @param slots the sum of the parallelism of the jobs the test runs at once
     */
    public static MiniClusterExtension withSlots(int slots) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(slots)
                        .build());
    }
}
