package io.ringstream.bridge;

import io.ringstream.bridge.agi.FastAgiConfig;
import io.ringstream.bridge.agi.FastAgiServer;
import io.ringstream.bridge.ami.AmiBridge;
import io.ringstream.bridge.ami.BridgeStats;
import io.ringstream.bridge.ingest.IngestConfig;
import io.ringstream.bridge.ingest.TranscriptIngestServer;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the AMI bridge as its own process (container or shaded jar): configuration from the
 * environment, a stats line every 30 s, a clean stop on SIGTERM. With RINGSTREAM_ROUTING_URL set it
 * also serves FastAGI for the dialplan's route requests; with RINGSTREAM_INGEST_PORT set, the HTTP
 * endpoint speech-to-text engines push transcript segments to.
 */
public final class BridgeMain {
    private BridgeMain() {}

    public static void main(String[] args) throws InterruptedException {
        // Our own file name, so the launcher's log4j2.xml wins when the bridge runs in-process.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "ringstream-bridge-log4j2.xml");
        }
        // Log4j's own shutdown hook would race ours and swallow the final stats line; the console
        // appender is unbuffered, so nothing is lost without it.
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        Logger log = LoggerFactory.getLogger(BridgeMain.class);
        BridgeConfig config;
        try {
            config = BridgeConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            log.error(e.getMessage());
            System.exit(2);
            return;
        }
        FastAgiConfig agiConfig;
        try {
            agiConfig = FastAgiConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            log.error(e.getMessage());
            System.exit(2);
            return;
        }
        IngestConfig ingestConfig;
        try {
            ingestConfig = IngestConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            log.error(e.getMessage());
            System.exit(2);
            return;
        }
        TranscriptIngestServer ingest;
        try {
            ingest =
                    ingestConfig == null
                            ? null
                            : TranscriptIngestServer.start(ingestConfig, config.kafkaBootstrap());
        } catch (IOException e) {
            log.error(
                    "Cannot serve transcript ingest on port {}: {}",
                    ingestConfig.port(),
                    e.toString());
            System.exit(2);
            return;
        }
        // FastAGI (the dialplan asking routing-service where calls go) runs when a routing URL is
        // set.
        // Created before FastAGI (it connects only on start): the customers route answers name
        // are stamped on the AMI events of their contacts.
        AmiBridge bridge = AmiBridge.create(config);
        FastAgiServer agi;
        try {
            agi =
                    agiConfig == null
                            ? null
                            : FastAgiServer.start(agiConfig, bridge::customerIdentified);
        } catch (IllegalStateException e) {
            log.error(e.getMessage());
            bridge.close();
            if (ingest != null) {
                ingest.close();
            }
            System.exit(2);
            return;
        }
        if (agi == null) {
            log.info("FastAGI off: set {} to serve agi://…/route", FastAgiConfig.ENV_ROUTING_URL);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    reporter.shutdownNow();
                                    if (agi != null) {
                                        agi.close();
                                    }
                                    if (ingest != null) {
                                        ingest.close();
                                    }
                                    bridge.close();
                                    stopped.countDown();
                                },
                                "bridge-shutdown"));
        bridge.start();
        AtomicReference<BridgeStats> previous = new AtomicReference<>(bridge.stats());
        reporter.scheduleAtFixedRate(
                () -> {
                    BridgeStats now = bridge.stats();
                    BridgeStats before = previous.getAndSet(now);
                    log.info(
                            "connected={} received={} ({}/s) published={} ({}/s) deadLetters={}"
                                    + " ignored={} overflowed={} publishFailures={} queued={}",
                            now.connected(),
                            now.received(),
                            String.format("%.1f", now.receivedPerSecondSince(before)),
                            now.published(),
                            String.format("%.1f", now.publishedPerSecondSince(before)),
                            now.deadLettered(),
                            now.ignored(),
                            now.overflowed(),
                            now.publishFailures(),
                            now.queued());
                    if (ingest != null) {
                        log.info("transcript ingest: {}", ingest.stats());
                    }
                },
                30,
                30,
                TimeUnit.SECONDS);
        stopped.await();
    }
}
