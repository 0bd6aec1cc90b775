package io.ringstream.routing.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The visitor's side of the channel gateway's WebSocket protocol (docs/channels.md), just enough to
 * test the widget's resume and resend in a real browser before the gateway is merged: one
 * conversation, numbered messages, dedupe by clientId, resume from a number. It records every frame
 * it receives, can swallow sends (a message lost on the way) and can drop every connection.
 */
final class FakeGateway implements AutoCloseable {
    static final String TOKEN = "fake-session-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLoopGroup group =
            new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    // The conversation: guarded by this; lives as long as the fake.
    private final List<ObjectNode> log = new ArrayList<>();
    private final Map<String, Integer> seqOfClientId = new HashMap<>();
    private volatile boolean swallowSends;
    private final Channel server;

    FakeGateway() throws InterruptedException {
        server =
                new ServerBootstrap()
                        .group(group)
                        .channel(NioServerSocketChannel.class)
                        .childHandler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        ch.pipeline()
                                                .addLast(new HttpServerCodec())
                                                .addLast(new HttpObjectAggregator(65536))
                                                .addLast(
                                                        new WebSocketServerProtocolHandler(
                                                                "/chat/ws"))
                                                .addLast(new Frames());
                                    }
                                })
                        .bind("127.0.0.1", 0)
                        .sync()
                        .channel();
    }

    String url() {
        return "ws://127.0.0.1:"
                + ((InetSocketAddress) server.localAddress()).getPort()
                + "/chat/ws";
    }

    List<JsonNode> received(String type) {
        return received.stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    void swallowSends(boolean on) {
        swallowSends = on;
    }

    /** Closes every connection, as a network failure would look to the browser. */
    void dropConnections() {
        clients.close().syncUninterruptibly();
    }

    /** An agent's message, numbered and sent to whoever is connected. */
    synchronized void agentSays(String text) {
        ObjectNode m = message("AGENT", "a-" + (log.size() + 1), text);
        clients.writeAndFlush(new TextWebSocketFrame(m.toString()));
    }

    private synchronized ObjectNode message(String from, String clientId, String text) {
        ObjectNode m = JSON.createObjectNode();
        m.put("type", "message").put("conversationId", "chat-1").put("seq", log.size() + 1);
        m.put("from", from).put("clientId", clientId).put("text", text);
        m.put("at", System.currentTimeMillis());
        log.add(m);
        seqOfClientId.put(clientId, log.size());
        return m;
    }

    private synchronized void onFrame(Channel ch, JsonNode f) {
        switch (f.path("type").asText()) {
            case "start" ->
                    reply(
                            ch,
                            "{\"type\":\"session\",\"token\":\""
                                    + TOKEN
                                    + "\","
                                    + "\"conversationId\":\"chat-1\",\"lastSeq\":0}");
            case "resume" -> {
                if (!TOKEN.equals(f.path("token").asText())) {
                    ch.close();
                    return;
                }
                reply(
                        ch,
                        "{\"type\":\"resumed\",\"conversationId\":\"chat-1\",\"agent\":null,"
                                + "\"closed\":false}");
                for (ObjectNode m : log) {
                    if (m.get("seq").asInt() > f.path("lastSeq").asInt()) {
                        reply(ch, m.toString());
                    }
                }
            }
            case "send" -> {
                if (swallowSends) {
                    return;
                }
                String clientId = f.path("clientId").asText();
                Integer known = seqOfClientId.get(clientId);
                if (known != null) {
                    reply(ch, ack(clientId, known, true));
                    return;
                }
                ObjectNode m = message("VISITOR", clientId, f.path("text").asText());
                reply(ch, ack(clientId, m.get("seq").asInt(), false));
                clients.writeAndFlush(new TextWebSocketFrame(m.toString()));
            }
            default -> {}
        }
    }

    private static String ack(String clientId, int seq, boolean duplicate) {
        return "{\"type\":\"ack\",\"clientId\":\""
                + clientId
                + "\",\"seq\":"
                + seq
                + ",\"duplicate\":"
                + duplicate
                + "}";
    }

    private static void reply(Channel ch, String frame) {
        ch.writeAndFlush(new TextWebSocketFrame(frame));
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully();
    }

    private final class Frames extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                clients.add(ctx.channel());
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame)
                throws Exception {
            JsonNode f = JSON.readTree(frame.text());
            received.add(f);
            onFrame(ctx.channel(), f);
        }
    }
}
