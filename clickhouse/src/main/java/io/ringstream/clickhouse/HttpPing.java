package io.ringstream.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Asks a server's HTTP interface whether it is up: {@code GET /ping} answers {@code Ok.}. */
final class HttpPing {
    private HttpPing() {}

    static boolean answers(String host, int httpPort, Duration timeout) {
        HttpURLConnection connection = null;
        try {
            connection =
                    (HttpURLConnection)
                            URI.create("http://" + host + ":" + httpPort + "/ping")
                                    .toURL()
                                    .openConnection();
            int millis = (int) Math.max(1, timeout.toMillis());
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            if (connection.getResponseCode() != 200) {
                return false;
            }
            try (InputStream in = connection.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().equals("Ok.");
            }
        } catch (IOException e) {
            return false;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
