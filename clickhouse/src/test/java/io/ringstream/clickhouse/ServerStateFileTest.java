package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pid file other processes rely on to find a running server. */
class ServerStateFileTest {

    @Test
    void roundTripsPidAndPorts(@TempDir Path dir) {
        ServerStateFile.write(dir, 4242, 18123, 19000);

        assertThat(ServerStateFile.read(dir)).contains(new RunningServer(4242, 18123, 19000, dir));
    }

    @Test
    void missingOrGarbledFilesMeanNoServer(@TempDir Path dir) throws IOException {
        assertThat(ServerStateFile.read(dir)).isEmpty();

        Files.writeString(ServerStateFile.path(dir), "pid=abc\n");
        assertThat(ServerStateFile.read(dir)).isEmpty();
    }

    @Test
    void deletesOnlyItsOwnFile(@TempDir Path dir) {
        ServerStateFile.write(dir, 7, 1, 2);

        ServerStateFile.deleteIfOwnedBy(dir, 8);
        assertThat(ServerStateFile.read(dir)).isPresent();

        ServerStateFile.deleteIfOwnedBy(dir, 7);
        assertThat(ServerStateFile.read(dir)).isEmpty();
    }
}
