package io.ringstream.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code ./ringstream up} was asked to do. Parsed separately from running it so the rules
 * (e.g. a real PBX needs credentials) are unit-tested.
 *
 * @param runFor stop cleanly after this long; empty = until Ctrl-C
 * @param amiHost the PBX to connect to; empty = start the built-in PBX simulator
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
        Ports ports) {

    static final String SIMULATOR_USER = "ringstream";
    static final String SIMULATOR_SECRET = "ringstream";

    /** The fixed local ports, so users and tools can find the services (see README). */
    record Ports(int kafka, int clickhouseHttp, int clickhouseTcp, int ami, int routing) {
        static final Ports DEFAULT = new Ports(9092, 8123, 9000, 5038, 8080);
    }

    static UpOptions parse(String[] args, Path defaultDataDir) {
        Path dataDir = defaultDataDir;
        Duration runFor = null;
        boolean simulator = true;
        String ami = null;
        String user = null;
        String secret = null;
        long seed = 42;
        Path routingJar = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--for" -> runFor = Durations.parse(value(args, ++i, arg));
                case "--no-simulator" -> simulator = false;
                case "--ami" -> ami = value(args, ++i, arg);
                case "--ami-user" -> user = value(args, ++i, arg);
                case "--ami-secret" -> secret = value(args, ++i, arg);
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
        if (ami != null) {
            if (user == null || secret == null) {
                throw new IllegalArgumentException("--ami needs --ami-user and --ami-secret");
            }
            int colon = ami.lastIndexOf(':');
            amiHost = Optional.of(colon < 0 ? ami : ami.substring(0, colon));
            if (colon >= 0) {
                amiPort = Integer.parseInt(ami.substring(colon + 1));
            }
        }
        return new UpOptions(
                dataDir.toAbsolutePath().normalize(),
                Optional.ofNullable(runFor),
                simulator,
                amiHost,
                amiPort,
                user == null ? SIMULATOR_USER : user,
                secret == null ? SIMULATOR_SECRET : secret,
                seed,
                Optional.ofNullable(routingJar),
                Ports.DEFAULT);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
