package io.ringstream.launcher;

import io.ringstream.bridge.BridgeConfig;
import io.ringstream.secrets.Secrets;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ./ringstream up} was asked to do. Parsed separately from running it so the rules
 * (e.g. a real PBX needs credentials) are unit-tested.
 *
 * <p>No secret is taken from the command line, where every local user sees it in {@code ps}: a real
 * PBX's AMI secret comes from {@code RINGSTREAM_AMI_SECRET} or the file named by {@code
 * RINGSTREAM_AMI_SECRET_FILE}, and {@code --ami-secret} is refused with that advice. The built-in
 * PBX simulator gets a random secret for each run, shared with the bridge in-process only.
 *
 * @param runFor stop cleanly after this long; empty = until Ctrl-C
 * @param amiHost the PBX to connect to; empty = start the built-in PBX simulator
 * @param amiSecret never printed: {@link #toString()} masks it
 * @param demoChat whether simulated web-chat visitors and chat agents use the gateway (off with
 *     {@code --no-simulator} or {@code --no-demo-chat}, e.g. to try the widget and the desktop
 *     alone)
 */
record UpOptions(
        Path dataDir,
        Optional<Duration> runFor,
        boolean simulator,
        Optional<String> amiHost,
        int amiPort,
        String amiUser,
        String amiSecret,
        long seed,
        Optional<Path> routingJar,
        boolean demoChat,
        Ports ports) {

    static final String SIMULATOR_USER = "ringstream";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The fixed local ports, so users and tools can find the services (see README). */
    record Ports(
            int kafka,
            int clickhouseHttp,
            int clickhouseTcp,
            int postgres,
            int ami,
            int routing,
            int gateway) {
        static final Ports DEFAULT = new Ports(9092, 8123, 9000, 5432, 5038, 8080, 8090);
    }

    /**
     * @param env the environment the AMI secret of a real PBX is read from
     */
    static UpOptions parse(String[] args, Path defaultDataDir, Map<String, String> env) {
        Path dataDir = defaultDataDir;
        Duration runFor = null;
        boolean simulator = true;
        String ami = null;
        String user = null;
        long seed = 42;
        Path routingJar = null;
        boolean demoChat = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--for" -> runFor = Durations.parse(value(args, ++i, arg));
                case "--no-simulator" -> simulator = false;
                case "--no-demo-chat" -> demoChat = false;
                case "--ami" -> ami = value(args, ++i, arg);
                case "--ami-user" -> user = value(args, ++i, arg);
                case "--ami-secret" ->
                        throw new IllegalArgumentException(
                                "--ami-secret is not accepted: every local user can read a command"
                                        + " line (ps). Set "
                                        + BridgeConfig.ENV_AMI_SECRET
                                        + " or "
                                        + BridgeConfig.ENV_AMI_SECRET
                                        + Secrets.FILE_SUFFIX
                                        + " (a file holding it) instead");
                case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
                case "--routing-jar" -> routingJar = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        if (simulator && ami != null) {
            throw new IllegalArgumentException(
                    "--ami connects to a real PBX: add --no-simulator to use it instead of the simulator");
        }
        if (!simulator && ami == null) {
            throw new IllegalArgumentException(
                    "--no-simulator needs --ami HOST:PORT of a real PBX");
        }
        Optional<String> amiHost = Optional.empty();
        int amiPort = Ports.DEFAULT.ami();
        String secret;
        if (ami != null) {
            if (user == null) {
                throw new IllegalArgumentException("--ami needs --ami-user");
            }
            secret = amiSecret(env);
            int colon = ami.lastIndexOf(':');
            amiHost = Optional.of(colon < 0 ? ami : ami.substring(0, colon));
            if (colon >= 0) {
                amiPort = Integer.parseInt(ami.substring(colon + 1));
            }
        } else {
            secret = randomSecret();
        }
        return new UpOptions(
                dataDir.toAbsolutePath().normalize(),
                Optional.ofNullable(runFor),
                simulator,
                amiHost,
                amiPort,
                user == null ? SIMULATOR_USER : user,
                secret,
                seed,
                Optional.ofNullable(routingJar),
                demoChat && simulator,
                Ports.DEFAULT);
    }

    /** The real PBX's AMI secret, from the environment or a file. */
    private static String amiSecret(Map<String, String> env) {
        try {
            return Secrets.from(env).required(BridgeConfig.ENV_AMI_SECRET);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** 24 random bytes, URL-safe base64: the simulator's AMI secret for one run. */
    static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Everything but the AMI secret. */
    @Override
    public String toString() {
        return "UpOptions[dataDir="
                + dataDir
                + ", runFor="
                + runFor
                + ", simulator="
                + simulator
                + ", ami="
                + amiUser
                + ":***@"
                + amiHost.orElse("simulator")
                + ":"
                + amiPort
                + ", seed="
                + seed
                + ", routingJar="
                + routingJar
                + ", demoChat="
                + demoChat
                + ", ports="
                + ports
                + "]";
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
