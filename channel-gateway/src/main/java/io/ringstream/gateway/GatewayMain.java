package io.ringstream.gateway;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The deployable's entry point: settings from the environment, run until the JVM stops. */
public final class GatewayMain {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {}

    public static void main(String[] args) throws InterruptedException {
        GatewaySettings settings;
        try {
            settings = GatewaySettings.fromEnvironment(System.getenv());
        } catch (RuntimeException e) {
            LOG.error("Cannot start the channel gateway: {}", e.getMessage());
            System.exit(2);
            return;
        }
        ChannelGateway gateway = ChannelGateway.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    gateway.close();
                                    stopped.countDown();
                                },
                                "gateway-shutdown"));
        LOG.info("Channel gateway listening on port {}", gateway.port());
        stopped.await();
    }
}
