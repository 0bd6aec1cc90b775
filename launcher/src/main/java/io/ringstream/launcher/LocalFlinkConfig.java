package io.ringstream.launcher;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * The Configuration each local MiniCluster starts with. Flink's defaults open its REST API (job
 * cancel included, no authentication) and its blob server on every interface at random ports; local
 * mode keeps both on loopback like every other part of {@code up}.
 */
final class LocalFlinkConfig {
    static final String LOOPBACK = "127.0.0.1";

    private LocalFlinkConfig() {}

    static Configuration loopbackOnly() {
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        config.set(RestOptions.ADDRESS, LOOPBACK);
        // The blob server binds to jobmanager.bind-host, or to the wildcard address without it.
        config.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        config.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        return config;
    }
}
