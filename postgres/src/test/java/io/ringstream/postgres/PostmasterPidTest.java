package io.ringstream.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the postmaster's own pid file, as PostgreSQL 15 writes it. */
class PostmasterPidTest {

    @Test
    void readsPidPortSocketAndStatus() {
        List<String> lines =
                List.of(
                        "4242",
                        "/srv/rs/postgres/pgdata",
                        "1764876000",
                        "5432",
                        "/srv/rs/postgres/pgdata",
                        "127.0.0.1",
                        "  5432001    1",
                        "ready   ");

        assertThat(PostmasterPid.parse(lines))
                .hasValueSatisfying(
                        pid -> {
                            assertThat(pid.pid()).isEqualTo(4242);
                            assertThat(pid.dataDir()).isEqualTo(Path.of("/srv/rs/postgres/pgdata"));
                            assertThat(pid.port()).isEqualTo(5432);
                            assertThat(pid.socketDirectory()).isEqualTo("/srv/rs/postgres/pgdata");
                            assertThat(pid.ready()).isTrue();
                        });
    }

    @Test
    void aServerStillStartingIsNotReady() {
        List<String> lines =
                List.of("7", "/d", "1", "6000", "", "127.0.0.1", "  1    2", "starting");

        assertThat(PostmasterPid.parse(lines))
                .hasValueSatisfying(p -> assertThat(p.ready()).isFalse());
    }

    @Test
    void aHalfWrittenFileIsNoServer() {
        assertThat(PostmasterPid.parse(List.of("4242", "/d"))).isEmpty();
        assertThat(PostmasterPid.parse(List.of("x", "/d", "1", "5432"))).isEmpty();
    }
}
