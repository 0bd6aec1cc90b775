package io.ringstream.launcher;

import java.nio.file.Path;

/** Where local mode keeps each component's data under the data dir (documented in the README). */
record LocalLayout(Path root) {

    /**
     * {@code ./data} next to the working directory unless {@code RINGSTREAM_DATA_DIR} says
     * otherwise.
     */
    static Path defaultDataDir() {
        String env = System.getenv("RINGSTREAM_DATA_DIR");
        return Path.of(env == null || env.isBlank() ? "data" : env).toAbsolutePath().normalize();
    }

    static LocalLayout of(Path root) {
        return new LocalLayout(root.toAbsolutePath().normalize());
    }

    Path kafka() {
        return root.resolve("kafka");
    }

    Path clickhouse() {
        return root.resolve("clickhouse");
    }

    /**
     * The local PostgreSQL: {@code pgdata/} (owned by the {@code postgres} user when we run as
     * root), {@code superuser-password} and {@code postgres.log}.
     */
    Path postgres() {
        return root.resolve("postgres");
    }

    /** Retained checkpoints of one job, e.g. {@code flink/archive/checkpoints}. */
    Path checkpoints(String job) {
        return root.resolve("flink").resolve(job).resolve("checkpoints");
    }

    /** Savepoints taken by clean stops of one job. */
    Path savepoints(String job) {
        return root.resolve("flink").resolve(job).resolve("savepoints");
    }

    Path logs() {
        return root.resolve("logs");
    }

    /** Keys and credentials, owner-only (0700): nothing else belongs in this folder. */
    Path security() {
        return root.resolve("security");
    }

    /** The HMAC key local tokens are signed with, shared with routing-service. */
    Path signingKey() {
        return security().resolve("jwt.key");
    }

    /** The users and machine clients routing-service authenticates (hashes only). */
    Path credentials() {
        return security().resolve("users.json");
    }

    /** The generated password of the {@code admin} user, written once on the first start. */
    Path adminPassword() {
        return security().resolve("admin-password");
    }

    /**
     * The generated password of a user {@code up} created for the demo, e.g. {@code agent-password}
     * for the human agent {@code agent}; written once, owner-only.
     */
    Path password(String username) {
        return security().resolve(username + "-password");
    }
}
