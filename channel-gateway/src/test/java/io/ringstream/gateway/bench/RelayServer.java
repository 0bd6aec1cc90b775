package io.ringstream.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's reference: a bare Netty WebSocket relay on the gateway's path, with no hub, no
 * Kafka and no limits. A connection's first frame {@code {"type":"join","role":"agent|visitor",
 * "agent":"…"}} is answered {@code {"type":"joined"}}; every later visitor frame is echoed back to
 * the visitor and forwarded unchanged to its agent. It gives the latency and per-connection memory
 * floor the gateway's figures are read against. State lifetime: agents' channels while open.
 */
final class RelayServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventLoopGroup boss =
            new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers =
            new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final Map<String, Channel> agents = new ConcurrentHashMap<>();
    private final Channel server;

    RelayServer() {
        server =
                new ServerBootstrap()
                        .group(boss, workers)
                        .channel(NioServerSocketChannel.class)
                        .childHandler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        ch.pipeline()
                                                .addLast(new HttpServerCodec())
                                                .addLast(new HttpObjectAggregator(16 * 1024))
                                                .addLast(
                                                        new WebSocketServerProtocolHandler(
                                                                "/chat/ws"))
                                                .addLast(new Relay());
                                    }
                                })
                        .bind("127.0.0.1", 0)
                        .syncUninterruptibly()
                        .channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * One connection: joins on its first frame, then relays (visitors) or only receives (agents).
     */
    private final class Relay extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        // Event-loop confined: the visitor's agent channel, once joined.
        private Channel agent;
        private boolean joined;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame)
                throws Exception {
            if (!joined) {
                JsonNode join = JSON.readTree(frame.text());
                String agentId = join.path("agent").asText();
                if ("agent".equals(join.path("role").asText())) {
                    agents.put(agentId, ctx.channel());
                } else {
                    agent = agents.get(agentId);
                }
                joined = true;
                ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"joined\"}"));
                return;
            }
            if (agent != null) {
                agent.writeAndFlush(frame.retainedDuplicate());
                ctx.writeAndFlush(frame.retainedDuplicate());
            }
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
