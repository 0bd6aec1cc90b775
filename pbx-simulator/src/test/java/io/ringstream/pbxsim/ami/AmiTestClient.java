package io.ringstream.pbxsim.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A bare AMI client over a socket, to test the server's wire protocol without any library. */
final class AmiTestClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    AmiTestClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        // A broken server fails the test after 5 s instead of hanging it.
        socket.setSoTimeout(5_000);
        in =
                new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    String readLine() throws IOException {
        return in.readLine();
    }

    void send(String wire) throws IOException {
        out.write(wire.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void send(AmiFrame frame) throws IOException {
        send(frame.toWire());
    }

    /** Reads one frame; null at end of stream. */
    AmiFrame readFrame() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (!lines.isEmpty()) {
                    return AmiFrame.parse(lines);
                }
                continue;
            }
            lines.add(line);
        }
        return lines.isEmpty() ? null : AmiFrame.parse(lines);
    }

    /** Reads frames until one with {@code key: value} arrives. */
    AmiFrame readUntil(String key, String value) throws IOException {
        AmiFrame f;
        while ((f = readFrame()) != null) {
            if (value.equals(f.get(key))) {
                return f;
            }
        }
        throw new IOException("stream ended before " + key + ": " + value);
    }

    /** True when the server has closed the connection. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    void login(String user, String secret) throws IOException {
        readLine();
        send(
                AmiFrame.builder()
                        .add("Action", "Login")
                        .add("ActionID", "login-1")
                        .add("Username", user)
                        .add("Secret", secret)
                        .build());
        AmiFrame response = readFrame();
        if (!"Success".equals(response.get("Response"))) {
            throw new IOException("login failed: " + response);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
