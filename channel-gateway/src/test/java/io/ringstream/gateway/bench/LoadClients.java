package io.ringstream.gateway.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.tokens.SigningKey;
import io.ringstream.security.tokens.TokenIssuer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's load: visitor and agent WebSocket clients over real TCP on their own event loops
 * (two threads), in the benchmark's process, never the server's. Visitors start a chat (or join,
 * against the relay) and later send one message per period, the send time in nanoseconds as its
 * text; agents take the messages and record visitor→agent latency. Sources rotate over
 * 127.0.0.1–127.0.0.8 so tens of thousands of connections do not run out of local ports. State
 * lifetime: one benchmark step.
 */
final class LoadClients implements AutoCloseable {
    static final int SOURCES = 8;
    private static final TokenIssuer TOKENS =
            new TokenIssuer(SigningKey.fromSecret(ChatBenchServer.SECRET), Clock.systemUTC());

    private final boolean relay;
    private final URI uri;
    private final EventLoopGroup group =
            new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<Socket> visitors = new CopyOnWriteArrayList<>();
    private final List<Socket> agents = new CopyOnWriteArrayList<>();
    private final List<ScheduledFuture<?>> schedules = new CopyOnWriteArrayList<>();

    final AtomicInteger agentsReady = new AtomicInteger();
    final AtomicInteger visitorsReady = new AtomicInteger();
    final AtomicInteger visitorsAssigned = new AtomicInteger();
    final AtomicInteger conversationsAtAgents = new AtomicInteger();
    final AtomicInteger errorFrames = new AtomicInteger();
    final AtomicInteger connectFailures = new AtomicInteger();
    final AtomicInteger unexpectedCloses = new AtomicInteger();
    final AtomicLong sent = new AtomicLong();

    /** Close frames received, by side and code (e.g. "agent 4408"). */
    final Map<String, AtomicInteger> closeCodes = new ConcurrentHashMap<>();

    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureUntil = Long.MAX_VALUE;
    private volatile boolean closing;

    // Latencies (ns) of messages sent inside the measured window; guarded by this.
    private long[] latencies = new long[1 << 16];
    private int count;

    LoadClients(boolean relay, int port) {
        this.relay = relay;
        this.uri = URI.create("ws://127.0.0.1:" + port + "/chat/ws");
    }

    void connectAgent(int i) {
        Socket s = new Socket(true, i, agentId(i));
        agents.add(s);
        connect(s, agents.size() + visitors.size());
    }

    void connectVisitor(int i, int agentCount) {
        Socket s = new Socket(false, i, agentId(i % agentCount));
        visitors.add(s);
        connect(s, agents.size() + visitors.size());
    }

    static String agentId(int i) {
        return "bench-agent-" + i;
    }

    /** Each visitor sends one message per period, the visitors' sends spread over the period. */
    void startMessages(Duration period) {
        long periodMs = period.toMillis();
        int n = visitors.size();
        for (int i = 0; i < n; i++) {
            Socket v = visitors.get(i);
            if (v.channel == null) {
                continue;
            }
            schedules.add(
                    v.channel
                            .eventLoop()
                            .scheduleAtFixedRate(
                                    v::sendMessage,
                                    i * periodMs / n,
                                    periodMs,
                                    TimeUnit.MILLISECONDS));
        }
        for (Socket a : agents) {
            if (a.channel != null) {
                schedules.add(
                        a.channel
                                .eventLoop()
                                .scheduleAtFixedRate(
                                        () -> a.write("{\"type\":\"ping\"}"),
                                        25,
                                        25,
                                        TimeUnit.SECONDS));
            }
        }
    }

    /** Only messages sent from now until {@link #endWindow} count; returns the sends so far. */
    long startWindow() {
        measureFrom = System.nanoTime();
        return sent.get();
    }

    long endWindow() {
        measureUntil = System.nanoTime();
        return sent.get();
    }

    void stopMessages() {
        schedules.forEach(f -> f.cancel(false));
        schedules.clear();
    }

    synchronized long[] latencies() {
        long[] copy = Arrays.copyOf(latencies, count);
        Arrays.sort(copy);
        return copy;
    }

    private synchronized void record(long nanos) {
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = nanos;
    }

    private void connect(Socket s, int ordinal) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.ORIGIN, ChatBenchServer.ORIGIN);
        WebSocketClientProtocolConfig config =
                WebSocketClientProtocolConfig.newBuilder()
                        .webSocketUri(uri)
                        .customHeaders(headers)
                        .handshakeTimeoutMillis(60_000)
                        .handleCloseFrames(false)
                        .build();
        new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(
                        new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline()
                                        .addLast(new HttpClientCodec())
                                        .addLast(new HttpObjectAggregator(64 * 1024))
                                        .addLast(new WebSocketClientProtocolHandler(config))
                                        .addLast(s);
                            }
                        })
                .connect(
                        new InetSocketAddress("127.0.0.1", uri.getPort()),
                        new InetSocketAddress("127.0.0." + (1 + ordinal % SOURCES), 0))
                .addListener(
                        f -> {
                            if (!f.isSuccess()) {
                                connectFailures.incrementAndGet();
                            }
                        });
    }

    /** One client connection; its handler instance is its own (not shareable). */
    private final class Socket extends SimpleChannelInboundHandler<WebSocketFrame> {
        final boolean agent;
        final int index;
        final String agentId;
        volatile Channel channel;
        private int nextMessage; // event-loop confined

        Socket(boolean agent, int index, String agentId) {
            this.agent = agent;
            this.index = index;
            this.agentId = agentId;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt
                    == WebSocketClientProtocolHandler.ClientHandshakeStateEvent
                            .HANDSHAKE_COMPLETE) {
                channel = ctx.channel();
                write(firstFrame());
                if (agent) {
                    // The desktop pings every 25 s; an agent connection is idle after 75 s.
                    ctx.executor()
                            .scheduleAtFixedRate(
                                    () -> write("{\"type\":\"ping\"}"), 25, 25, TimeUnit.SECONDS);
                }
            }
        }

        private String firstFrame() {
            if (relay) {
                return "{\"type\":\"join\",\"role\":\""
                        + (agent ? "agent" : "visitor")
                        + "\",\"agent\":\""
                        + agentId
                        + "\"}";
            }
            if (agent) {
                String token =
                        TOKENS.issue(
                                Caller.of(agentId, "default", Role.AGENT), Duration.ofHours(2));
                return "{\"type\":\"hello\",\"token\":\"" + token + "\"}";
            }
            return "{\"type\":\"start\",\"widget\":\"demo\",\"topic\":\"sales\",\"name\":\"Visitor "
                    + index
                    + "\",\"email\":\"v"
                    + index
                    + "@"
                    + agentId
                    + ".bench\",\"language\":\"en\"}";
        }

        void write(String text) {
            Channel c = channel;
            if (c != null && c.isActive()) {
                c.writeAndFlush(new TextWebSocketFrame(text));
            }
        }

        void sendMessage() {
            sent.incrementAndGet();
            write(
                    "{\"type\":\"send\",\"clientId\":\"v"
                            + index
                            + "-"
                            + nextMessage++
                            + "\",\"text\":\""
                            + System.nanoTime()
                            + "\"}");
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof CloseWebSocketFrame close) {
                closeCodes
                        .computeIfAbsent(
                                (agent ? "agent " : "visitor ") + close.statusCode(),
                                k -> new AtomicInteger())
                        .incrementAndGet();
                ctx.close();
                return;
            }
            if (!(frame instanceof TextWebSocketFrame textFrame)) {
                return;
            }
            String text = textFrame.text();
            if (text.contains("\"type\":\"error\"")) {
                if (errorFrames.incrementAndGet() <= 5) {
                    System.err.println("error frame: " + text);
                }
            } else if (agent) {
                onAgentFrame(text);
            } else if (relay && text.equals("{\"type\":\"joined\"}")) {
                visitorsReady.incrementAndGet();
                visitorsAssigned.incrementAndGet();
            } else if (text.contains("\"type\":\"session\"")) {
                visitorsReady.incrementAndGet();
            } else if (text.contains("\"type\":\"agent_joined\"")) {
                visitorsAssigned.incrementAndGet();
            }
        }

        private void onAgentFrame(String text) {
            if (text.contains("\"type\":\"conversation\"")) {
                conversationsAtAgents.incrementAndGet();
            } else if (text.contains("\"type\":\"welcome\"")
                    || text.contains("\"type\":\"joined\"")) {
                agentsReady.incrementAndGet();
            } else if (relay
                    ? text.contains("\"type\":\"send\"")
                    : text.contains("\"type\":\"message\"")
                            && text.contains("\"from\":\"VISITOR\"")) {
                long now = System.nanoTime();
                int at = text.indexOf("\"text\":\"");
                if (at < 0) {
                    return;
                }
                int from = at + 8;
                long sentAt = Long.parseLong(text.substring(from, text.indexOf('"', from)));
                if (sentAt >= measureFrom && sentAt < measureUntil) {
                    record(now - sentAt);
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!closing) {
                unexpectedCloses.incrementAndGet();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!closing && errorFrames.get() < 5) {
                System.err.println("client: " + cause);
            }
            ctx.close();
        }
    }

    @Override
    public void close() {
        closing = true;
        stopMessages();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
