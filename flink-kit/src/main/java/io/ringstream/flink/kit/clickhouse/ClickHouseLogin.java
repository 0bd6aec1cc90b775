package io.ringstream.flink.kit.clickhouse;

import io.ringstream.clickhouse.ClickHouseCredentials;

/**
 * Where a job's ClickHouse connections find their user and password. A job config names the source,
 * not the password, so the password never travels in the serialized job, its printed config or the
 * job graph: each process that connects (the job manager migrating, every sink subtask when it
 * opens) reads it from its own environment.
 */
public enum ClickHouseLogin {
    /** The driver's default user without a password: local mode and tests (loopback only). */
    NONE,
    /**
     * {@value ClickHouseCredentials#USER_VARIABLE} and {@value
     * ClickHouseCredentials#PASSWORD_VARIABLE} (or its {@code _FILE}) of the connecting process: a
     * cluster's job and task managers must all have them.
     */
    ENVIRONMENT;

    /** The credentials to connect with, read now on the calling process. */
    public ClickHouseCredentials credentials() {
        return this == NONE ? ClickHouseCredentials.NONE : ClickHouseCredentials.fromEnvironment();
    }
}
