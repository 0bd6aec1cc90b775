package io.ringstream.pbxsim.ami;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Asterisk Manager Interface endpoint over real TCP, so the telephony bridge (Asterisk-Java) is
 * exercised on the actual wire protocol; Debian has no Asterisk package to test against.
 *
 * <p>Speaks what a manager client needs: the banner, {@code Challenge} and {@code Login} (plain
 * secret or MD5 key), {@code Ping}, {@code Events}, {@code CoreSettings}/{@code CoreStatus} and
 * {@code Command: core show version} (which Asterisk-Java uses to detect the version after login),
 * {@code Logoff}. Events passed to {@link #emit} go to every logged-in session that has events on.
 * Each session has its own reader thread; writes to one session are serialized.
 */
public final class AmiServer implements AutoCloseable {
    /** The first line a client reads; Asterisk-Java checks its prefix. */
    public static final String BANNER = "Asterisk Call Manager/5.0.1";

    /** Reported by CoreSettings and {@code core show version}; Asterisk-Java maps it to 20. */
    public static final String ASTERISK_VERSION = "20.5.2";

    private static final Logger LOG = LoggerFactory.getLogger(AmiServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerSocket serverSocket;
    private final String username;
    private final String secret;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger totalLogins = new AtomicInteger();
    private final AtomicInteger sessionIds = new AtomicInteger();
    private final long startedAtMicros = AmiTime.nowMicros();
    private final Thread acceptor;
    private volatile boolean closed;

    private AmiServer(ServerSocket serverSocket, String username, String secret) {
        this.serverSocket = serverSocket;
        this.username = username;
        this.secret = secret;
        this.acceptor = new Thread(this::acceptLoop, "ami-server-" + serverSocket.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /**
     * Listens on the loopback interface.
     *
     * @param port the TCP port, or 0 for a free one (see {@link #port()})
     */
    public static AmiServer start(int port, String username, String secret) {
        return start(InetAddress.getLoopbackAddress(), port, username, secret);
    }

    /** Listens on {@code bindAddress}, e.g. all interfaces for a simulator other hosts dial. */
    public static AmiServer start(
            InetAddress bindAddress, int port, String username, String secret) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bindAddress, port));
            AmiServer server = new AmiServer(socket, username, secret);
            server.acceptor.start();
            LOG.info(
                    "AMI endpoint listening on {}:{}", bindAddress.getHostAddress(), server.port());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Sends an event frame to every logged-in session with events on. */
    public void emit(AmiFrame event) {
        broadcast(event.toWire());
    }

    /** Sends an event given as headers in iteration order (use a LinkedHashMap). */
    public void emit(Map<String, String> headers) {
        emit(AmiFrame.of(new LinkedHashMap<>(headers)));
    }

    /**
     * Sends text exactly as given to every logged-in session, for malformed-frame tests; include
     * the {@code \r\n} line ends and the terminating empty line yourself.
     */
    public void emitRaw(String text) {
        broadcast(text);
    }

    /** Sessions that are logged in now. */
    public int sessionCount() {
        int n = 0;
        for (Session s : sessions) {
            if (s.loggedIn) {
                n++;
            }
        }
        return n;
    }

    /** Successful logins since start, so tests can tell a reconnect from the first login. */
    public int totalLogins() {
        return totalLogins.get();
    }

    /** Closes every client connection without a Goodbye, as a crashing or restarting PBX does. */
    public void dropAllSessions() {
        for (Session s : List.copyOf(sessions)) {
            s.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.debug("closing listener", e);
        }
        dropAllSessions();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void broadcast(String wire) {
        for (Session s : sessions) {
            if (s.loggedIn && s.eventsOn) {
                s.send(wire);
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                Session session = new Session(socket, sessionIds.incrementAndGet());
                sessions.add(session);
                session.thread.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("AMI accept failed", e);
                }
            }
        }
    }

    /** One manager connection; lives until Logoff, a failed login, a drop or server close. */
    private final class Session {
        private final Socket socket;
        private final Thread thread;
        private final Writer out;
        private volatile boolean loggedIn;
        private volatile boolean eventsOn = true;
        private String challenge;

        Session(Socket socket, int id) throws IOException {
            this.socket = socket;
            this.out =
                    new BufferedWriter(
                            new OutputStreamWriter(
                                    socket.getOutputStream(), StandardCharsets.UTF_8));
            this.thread = new Thread(this::run, "ami-session-" + id);
            this.thread.setDaemon(true);
        }

        void run() {
            try (BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(
                                    socket.getInputStream(), StandardCharsets.UTF_8))) {
                send(BANNER + "\r\n");
                List<String> lines = new ArrayList<>();
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isEmpty()) {
                        lines.add(line);
                        continue;
                    }
                    if (lines.isEmpty()) {
                        continue;
                    }
                    boolean keepOpen = handle(AmiFrame.parse(lines));
                    lines.clear();
                    if (!keepOpen) {
                        break;
                    }
                }
            } catch (IOException e) {
                LOG.debug("AMI session ended: {}", e.getMessage());
            } finally {
                close();
            }
        }

        /** Handles one action; false closes the session. */
        private boolean handle(AmiFrame action) {
            String name = action.get("Action");
            String actionId = action.get("ActionID");
            if (name == null || name.isBlank()) {
                error(actionId, "Missing action in request");
                return true;
            }
            switch (name.toLowerCase(Locale.ROOT)) {
                case "challenge":
                    return challenge(action, actionId);
                case "login":
                    return login(action, actionId);
                case "logoff":
                    respond("Goodbye", actionId, Map.of("Message", "Thanks for all the fish."));
                    return false;
                default:
                    break;
            }
            if (!loggedIn) {
                error(actionId, "Authentication Required");
                return true;
            }
            switch (name.toLowerCase(Locale.ROOT)) {
                case "ping" ->
                        respond(
                                "Success",
                                actionId,
                                ordered(
                                        "Ping",
                                        "Pong",
                                        "Timestamp",
                                        AmiTime.format(AmiTime.nowMicros())));
                case "events" -> {
                    eventsOn = !"off".equalsIgnoreCase(action.get("EventMask"));
                    respond("Success", actionId, Map.of("Events", eventsOn ? "On" : "Off"));
                }
                case "coresettings" -> respond("Success", actionId, coreSettings());
                case "corestatus" -> respond("Success", actionId, coreStatus());
                case "command" -> command(action.get("Command"), actionId);
                default ->
                        error(
                                actionId,
                                "Invalid/unknown command: "
                                        + name
                                        + ". Use Action: ListCommands to show available commands.");
            }
            return true;
        }

        private boolean challenge(AmiFrame action, String actionId) {
            if (!"md5".equalsIgnoreCase(action.get("AuthType"))) {
                error(actionId, "Must specify AuthType");
                return true;
            }
            if (challenge == null) {
                challenge = Integer.toString(100_000_000 + RANDOM.nextInt(900_000_000));
            }
            respond("Success", actionId, Map.of("Challenge", challenge));
            return true;
        }

        private boolean login(AmiFrame action, String actionId) {
            if (loggedIn) {
                respond("Success", actionId, Map.of("Message", "Already authenticated"));
                return true;
            }
            if (!authenticated(action)) {
                error(actionId, "Authentication failed");
                LOG.info("AMI login failed for user {}", action.get("Username"));
                // Asterisk ends the session after a failed login.
                return false;
            }
            eventsOn = !"off".equalsIgnoreCase(action.get("Events"));
            respond("Success", actionId, Map.of("Message", "Authentication accepted"));
            loggedIn = true;
            totalLogins.incrementAndGet();
            if (eventsOn) {
                long now = AmiTime.nowMicros();
                send(
                        AmiFrame.event("FullyBooted")
                                .add("Privilege", "system,all")
                                .add("Timestamp", AmiTime.format(now))
                                .add("Uptime", (now - startedAtMicros) / 1_000_000L)
                                .add("LastReload", (now - startedAtMicros) / 1_000_000L)
                                .add("Status", "Fully Booted")
                                .build()
                                .toWire());
            }
            return true;
        }

        private boolean authenticated(AmiFrame action) {
            if (!username.equals(action.get("Username"))) {
                return false;
            }
            if ("md5".equalsIgnoreCase(action.get("AuthType")) && action.has("Key")) {
                return challenge != null
                        && md5Hex(challenge + secret).equalsIgnoreCase(action.get("Key"));
            }
            return secret.equals(action.get("Secret"));
        }

        private void command(String command, String actionId) {
            String normalized = command == null ? "" : command.trim().replaceAll("\\s+", " ");
            if (normalized.equalsIgnoreCase("core show version")) {
                respond(
                        "Success",
                        actionId,
                        ordered(
                                "Message",
                                "Command output follows",
                                "Output",
                                "Asterisk "
                                        + ASTERISK_VERSION
                                        + " built by ringstream @ pbx-simulator on a x86_64"
                                        + " running Linux"));
            } else {
                respond(
                        "Error",
                        actionId,
                        ordered(
                                "Message",
                                "Command output follows",
                                "Output",
                                "No such command '"
                                        + normalized
                                        + "' (type 'core show help "
                                        + normalized
                                        + "' for other possible commands)"));
            }
        }

        private void error(String actionId, String message) {
            respond("Error", actionId, Map.of("Message", message));
        }

        private void respond(String response, String actionId, Map<String, String> fields) {
            AmiFrame.Builder b = AmiFrame.builder().add("Response", response);
            if (actionId != null) {
                b.add("ActionID", actionId);
            }
            fields.forEach(b::add);
            send(b.build().toWire());
        }

        void send(String wire) {
            synchronized (this) {
                try {
                    out.write(wire);
                    out.flush();
                } catch (IOException e) {
                    LOG.debug("AMI write failed, closing session: {}", e.getMessage());
                    close();
                }
            }
        }

        void close() {
            loggedIn = false;
            sessions.remove(this);
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing session socket", e);
            }
        }
    }

    private Map<String, String> coreSettings() {
        return ordered(
                "AMIversion", BANNER.substring(BANNER.indexOf('/') + 1),
                "AsteriskVersion", ASTERISK_VERSION,
                "SystemName", "pbx-simulator",
                "CoreMaxCalls", "0",
                "CoreMaxLoadAvg", "0.000000",
                "CoreRunUser", "asterisk",
                "CoreRunGroup", "asterisk",
                "CoreMaxFilehandles", "0",
                "CoreRealTimeEnabled", "No",
                "CoreCDRenabled", "Yes",
                "CoreHTTPenabled", "No",
                "SoundsSearchCustomDir", "No");
    }

    private Map<String, String> coreStatus() {
        java.time.LocalDateTime started =
                java.time.LocalDateTime.ofEpochSecond(
                        startedAtMicros / 1_000_000L, 0, java.time.ZoneOffset.UTC);
        return ordered(
                "CoreStartupDate", started.toLocalDate().toString(),
                "CoreStartupTime", started.toLocalTime().toString(),
                "CoreReloadDate", started.toLocalDate().toString(),
                "CoreReloadTime", started.toLocalTime().toString(),
                "CoreCurrentCalls", "0");
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static String md5Hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JRE", e);
        }
    }
}
