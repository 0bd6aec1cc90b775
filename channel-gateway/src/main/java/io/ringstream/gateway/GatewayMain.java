package io.ringstream.gateway;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The deployable's entry point: settings from the environment, run until the JVM stops. */
public final class GatewayMain {

    private GatewayMain() {}

    public static void main(String[] args) throws InterruptedException {
        // Our own file name, so the launcher's log4j2.xml wins when the gateway runs in-process.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "ringstream-gateway-log4j2.xml");
        }
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        Logger log = LoggerFactory.getLogger(GatewayMain.class);
        GatewaySettings settings;
        try {
            settings = GatewaySettings.fromEnvironment(System.getenv());
        } catch (RuntimeException e) {
            log.error("Cannot start the channel gateway: {}", e.getMessage());
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
        log.info("Channel gateway listening on port {}", gateway.port());
        stopped.await();
    }
}
