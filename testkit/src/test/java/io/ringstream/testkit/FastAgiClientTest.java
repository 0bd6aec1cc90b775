package io.ringstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The FastAGI client against a server socket that plays a script's side by hand. */
class FastAgiClientTest {

    @Test
    void sendsTheEnvironmentAndAnswersEachCommandLikeAsterisk() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<List<String>> script =
                    CompletableFuture.supplyAsync(
                            () ->
                                    play(
                                            server,
                                            "SET VARIABLE \"RINGSTREAM_ACTION\" \"WAIT\"",
                                            "GET VARIABLE \"RINGSTREAM_OFFER\"",
                                            "GET VARIABLE \"RINGSTREAM_ACTION\"",
                                            "GET VARIABLE \"UNSET\"",
                                            "ANSWER"));

            FastAgiClient.Call call =
                    FastAgiClient.run(
                            server.getLocalPort(),
                            "route?queue=sales",
                            "1700000000.42",
                            Map.of("RINGSTREAM_OFFER", "o1"));

            List<String> seen = script.join();
            assertThat(seen)
                    .contains(
                            "agi_network_script: route?queue=sales",
                            "agi_uniqueid: 1700000000.42",
                            "agi_request: agi://127.0.0.1:"
                                    + server.getLocalPort()
                                    + "/route?queue=sales");
            assertThat(seen.subList(seen.size() - 5, seen.size()))
                    .containsExactly(
                            "200 result=1",
                            "200 result=1 (o1)",
                            "200 result=1 (WAIT)",
                            "200 result=0",
                            "200 result=0");
            assertThat(call.variables())
                    .containsEntry("RINGSTREAM_ACTION", "WAIT")
                    .containsEntry("RINGSTREAM_OFFER", "o1");
            assertThat(call.commands())
                    .hasSize(5)
                    .startsWith("SET VARIABLE \"RINGSTREAM_ACTION\" \"WAIT\"");
        }
    }

    /** Accepts one call, reads its environment, sends the commands; returns everything read. */
    private static List<String> play(ServerSocket server, String... commands) {
        List<String> seen = new ArrayList<>();
        try (Socket socket = server.accept()) {
            BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(
                                    socket.getInputStream(), StandardCharsets.ISO_8859_1));
            Writer out =
                    new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1);
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                seen.add(line);
            }
            for (String command : commands) {
                out.write(command + "\n");
                out.flush();
                seen.add(in.readLine());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seen;
    }
}
