package io.ringstream.gateway;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.ringstream.channels.webhook.SignedDelivery;
import io.ringstream.events.topics.Components;
import io.ringstream.gateway.events.AssignmentsReader;
import io.ringstream.gateway.events.EventHandOff;
import io.ringstream.gateway.http.BoundedAggregator;
import io.ringstream.gateway.http.HttpRouter;
import io.ringstream.gateway.hub.ConversationHub;
import io.ringstream.gateway.providers.MetaProviders;
import io.ringstream.gateway.providers.ProviderAccounts;
import io.ringstream.gateway.providers.ProviderSettings;
import io.ringstream.gateway.routing.RoutingClient;
import io.ringstream.gateway.ws.SessionLimits;
import io.ringstream.gateway.ws.WsConnection;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.kafka.TopicFeed;
import io.ringstream.security.tokens.TokenVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel gateway as a process hosts it ({@code GatewayMain}, or the launcher's {@code up}):
 * start it from settings, ask which port it listens on, close it. Closing stops accepting, closes
 * every WebSocket with "going away" (1001) and flushes the Kafka hand-off.
 */
public final class ChannelGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelGateway.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel server;
    private final ChannelGroup connections;
    private final EventPublisher publisher;
    private final EventHandOff events;
    private final TopicFeed assignments;
    private final ScheduledExecutorService sweeper;
    private final ExecutorService routingExecutor;
    private final ExecutorService webhookExecutor;
    private final AutoCloseable providers;
    private final ConversationHub hub;
    private final GatewayMetrics metrics;

    private ChannelGateway(Builder b) {
        this.boss = b.boss;
        this.workers = b.workers;
        this.server = b.server;
        this.connections = b.connections;
        this.publisher = b.publisher;
        this.events = b.events;
        this.assignments = b.assignments;
        this.sweeper = b.sweeper;
        this.routingExecutor = b.routingExecutor;
        this.webhookExecutor = b.webhookExecutor;
        this.providers = b.providers;
        this.hub = b.hub;
        this.metrics = b.metrics;
    }

    /**
     * Starts the gateway with WhatsApp and Instagram as its settings configure them (a provider
     * without an app secret is off); fails fast on a bad setting or a port in use.
     */
    public static ChannelGateway start(GatewaySettings settings) {
        return start(
                settings,
                MetaProviders.wiring(
                        ProviderSettings.fromEnvironment(settings.environment()),
                        providerAccounts(settings.channelsFile())));
    }

    /** The channels file's WhatsApp numbers and Instagram accounts; none without a file. */
    private static ProviderAccounts providerAccounts(Path channelsFile) {
        if (channelsFile == null) {
            return ProviderAccounts.none();
        }
        try {
            return ProviderAccounts.fromChannelsFile(Files.readString(channelsFile));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read RINGSTREAM_CHANNELS_FILE " + channelsFile + ": " + e.getMessage());
        }
    }

    /** Starts the gateway with the providers' side plugged in by {@code wiring}. */
    public static ChannelGateway start(GatewaySettings settings, ProviderWiring wiring) {
        Builder b = new Builder();
        try {
            b.build(settings, wiring);
        } catch (RuntimeException e) {
            b.release();
            throw e;
        }
        return new ChannelGateway(b);
    }

    /** The port it listens on (the configured one, or the one picked for port 0). */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Whether the routing-assignments reader is positioned (tests wait for it). */
    public boolean ready() {
        return assignments.ready();
    }

    /** The limit counters, for tests and the metrics endpoint. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    ConversationHub hub() {
        return hub;
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        connections.forEach(WsConnection::goingAway);
        connections.newCloseFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        try {
            providers.close();
        } catch (Exception e) {
            LOG.warn("Closing the providers failed", e);
        }
        sweeper.shutdownNow();
        assignments.close();
        webhookExecutor.shutdown();
        routingExecutor.shutdown();
        try {
            routingExecutor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
        publisher.close();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    /** Starts the parts in order and remembers them, so a failed start releases what it took. */
    private static final class Builder {
        EventLoopGroup boss;
        EventLoopGroup workers;
        Channel server;
        ChannelGroup connections;
        EventPublisher publisher;
        EventHandOff events;
        TopicFeed assignments;
        ScheduledExecutorService sweeper;
        ExecutorService routingExecutor;
        ExecutorService webhookExecutor;
        AutoCloseable providers = () -> {};
        ConversationHub hub;
        GatewayMetrics metrics;

        void build(GatewaySettings settings, ProviderWiring wiring) {
            PrometheusMeterRegistry prometheus =
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            metrics = new GatewayMetrics(prometheus);
            publisher =
                    EventPublisher.create(
                            settings.kafkaBootstrap(),
                            Map.of(ProducerConfig.CLIENT_ID_CONFIG, Components.CHANNEL_GATEWAY));
            events = new EventHandOff(publisher, prometheus);
            routingExecutor = Executors.newFixedThreadPool(4, daemon("gateway-routing"));
            RoutingClient routing =
                    new RoutingClient(
                            settings.routingUrl(),
                            settings.routingTimeout(),
                            settings.routingCredentials(),
                            Clock.systemUTC());
            hub =
                    new ConversationHub(
                            settings.widgets(),
                            ProviderQueues.load(settings.channelsFile(), settings.widgets()),
                            settings.limits(),
                            events,
                            routing,
                            routingExecutor,
                            System::currentTimeMillis,
                            prometheus);
            ProviderWiring.Providers wired =
                    wiring.wire(new ProviderWiring.Context(settings, hub, publisher, prometheus));
            if (wired == null) {
                wired = ProviderWiring.Providers.NONE;
            }
            providers = wired.closer() == null ? () -> {} : wired.closer();
            hub.outbound(wired.outbound());
            assignments =
                    AssignmentsReader.create(
                            settings.kafkaBootstrap(),
                            settings.assignmentLookback(),
                            hub::onAssignment);
            assignments.start();
            sweeper = Executors.newSingleThreadScheduledExecutor(daemon("gateway-sweeper"));
            sweeper.scheduleWithFixedDelay(
                    () -> {
                        try {
                            hub.sweep();
                        } catch (RuntimeException e) {
                            LOG.warn("Sweeping conversations failed", e);
                        }
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);
            webhookExecutor =
                    new ThreadPoolExecutor(
                            2,
                            2,
                            0,
                            TimeUnit.MILLISECONDS,
                            new ArrayBlockingQueue<>(256),
                            daemon("gateway-webhooks"));
            SessionLimits sessions = new SessionLimits(settings.limits());
            Gauge.builder("ringstream.gateway.sessions", sessions, SessionLimits::open)
                    .description("open WebSocket connections")
                    .register(prometheus);
            HttpRouter.Shared shared =
                    new HttpRouter.Shared(
                            hub,
                            settings.limits(),
                            metrics,
                            prometheus,
                            sessions,
                            new TokenVerifier(settings.jwtKey(), Clock.systemUTC()),
                            settings.allowedOrigins(),
                            wired.webhooks(),
                            webhookExecutor);
            connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
            boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
            ChannelGroup group = connections;
            GatewayMetrics m = metrics;
            server =
                    new ServerBootstrap()
                            .group(boss, workers)
                            .channel(NioServerSocketChannel.class)
                            .childOption(
                                    ChannelOption.WRITE_BUFFER_WATER_MARK,
                                    new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                            .childHandler(
                                    new ChannelInitializer<SocketChannel>() {
                                        @Override
                                        protected void initChannel(SocketChannel ch) {
                                            group.add(ch);
                                            ch.pipeline()
                                                    .addLast(new HttpServerCodec())
                                                    .addLast(
                                                            new BoundedAggregator(
                                                                    SignedDelivery
                                                                            .META_MAX_BODY_BYTES,
                                                                    m))
                                                    .addLast(new HttpRouter(shared));
                                        }
                                    })
                            .bind(settings.host(), settings.port())
                            .syncUninterruptibly()
                            .channel();
            LOG.info("Channel gateway started: {}", settings);
        }

        void release() {
            if (server != null) {
                server.close();
            }
            if (workers != null) {
                workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            if (boss != null) {
                boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            if (sweeper != null) {
                sweeper.shutdownNow();
            }
            if (assignments != null) {
                assignments.close();
            }
            if (routingExecutor != null) {
                routingExecutor.shutdownNow();
            }
            if (webhookExecutor != null) {
                webhookExecutor.shutdownNow();
            }
            if (events != null) {
                events.close();
            }
            if (publisher != null) {
                publisher.close();
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
