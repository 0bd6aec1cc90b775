package io.ringstream.gateway.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.ringstream.gateway.ChatLimits;
import io.ringstream.gateway.GatewayMetrics;
import io.ringstream.gateway.hub.ConversationHub;
import io.ringstream.gateway.hub.Peer;
import io.ringstream.gateway.hub.ServerFrames;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.tokens.InvalidTokenException;
import io.ringstream.security.tokens.TokenVerifier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection, a visitor's or an agent's: reads its frames, applies the per-connection
 * limits (bad frames, rate, idleness) and hands the rest to the {@link ConversationHub}; as a
 * {@link Peer} it writes the hub's frames with a bounded outbound queue. State lifetime: the
 * connection's. Inbound handling runs on the channel's event loop only; {@link #send} and {@link
 * #close} may be called from any thread.
 */
public final class WsConnection extends SimpleChannelInboundHandler<WebSocketFrame>
        implements Peer {
    public static final String IDLE_HANDLER = "idle";
    private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);

    private enum Bound {
        NONE,
        VISITOR,
        AGENT
    }

    private final Channel channel;
    private final ConversationHub hub;
    private final ClientFrames frames;
    private final ChatLimits limits;
    private final GatewayMetrics metrics;
    private final SessionLimits sessions;
    private final TokenVerifier tokens;
    private final String address;
    private final boolean admitted;
    private final TokenBucket rate;

    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicInteger pendingFrames = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();

    // Event-loop confined.
    private Bound bound = Bound.NONE;
    private String token;
    private Caller agent;
    private int badFrames;
    private int rateViolations;

    public WsConnection(
            Channel channel,
            ConversationHub hub,
            ChatLimits limits,
            GatewayMetrics metrics,
            SessionLimits sessions,
            TokenVerifier tokens,
            String address,
            boolean admitted) {
        this.channel = channel;
        this.hub = hub;
        this.frames = new ClientFrames(limits.maxTextChars());
        this.limits = limits;
        this.metrics = metrics;
        this.sessions = sessions;
        this.tokens = tokens;
        this.address = address;
        this.admitted = admitted;
        this.rate = new TokenBucket(limits.messagesPerSecond(), limits.burst(), System.nanoTime());
    }

    /** Whether the caps let this connection in; one that was not is closed 4503 on upgrade. */
    public boolean admitted() {
        return admitted;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (closing.get()) {
            return;
        }
        if (frame instanceof TextWebSocketFrame text) {
            onText(ctx, text.text());
        } else if (frame instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            closing.set(true);
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (frame instanceof BinaryWebSocketFrame) {
            badFrame("frames are JSON text", null);
        }
    }

    private void onText(ChannelHandlerContext ctx, String text) {
        ClientFrames.Parsed parsed = frames.parse(text);
        if (parsed instanceof ClientFrames.Refused r) {
            if ("too-long".equals(r.code())) {
                metrics.limit("too-long");
                send(ServerFrames.error("too-long", r.message(), r.ref()));
            } else {
                badFrame(r.message(), r.ref());
            }
            return;
        }
        ClientFrame frame = ((ClientFrames.Ok) parsed).frame();
        if (frame instanceof ClientFrame.Ping p) {
            ObjectNode pong = ServerFrames.of("pong");
            if (p.ref() != null) {
                pong.put("ref", p.ref());
            }
            send(pong);
            return;
        }
        if (frame instanceof ClientFrame.Typing t) {
            // Typing is limited by the conversation's TypingLimiter, dropped silently beyond.
            typing(t);
            return;
        }
        long now = System.nanoTime();
        if (!rate.take(now) || !sessions.addressMayPass(address, now)) {
            rateLimited(frame.ref());
            return;
        }
        if (frame instanceof ClientFrame.Start s) {
            start(s);
        } else if (frame instanceof ClientFrame.Resume r) {
            resume(r);
        } else if (frame instanceof ClientFrame.Hello h) {
            hello(ctx, h);
        } else if (frame instanceof ClientFrame.Send s) {
            if (bound == Bound.VISITOR) {
                hub.visitorSend(token, s.clientId(), s.text(), s.ref());
            } else if (bound == Bound.AGENT) {
                hub.agentSend(agent, this, s.conversationId(), s.clientId(), s.text(), s.ref());
            } else {
                notStarted(s.ref());
            }
        } else if (frame instanceof ClientFrame.Read r) {
            if (bound == Bound.VISITOR) {
                hub.visitorRead(token, r.seq());
            } else if (bound == Bound.AGENT) {
                hub.agentRead(agent, this, r.conversationId(), r.seq(), r.ref());
            } else {
                notStarted(r.ref());
            }
        } else if (frame instanceof ClientFrame.Close c) {
            if (bound == Bound.VISITOR) {
                hub.visitorClose(token);
            } else if (bound == Bound.AGENT) {
                hub.agentClose(agent, this, c.conversationId(), c.ref());
            } else {
                notStarted(c.ref());
            }
        }
    }

    private void typing(ClientFrame.Typing t) {
        if (bound == Bound.VISITOR) {
            hub.visitorTyping(token);
        } else if (bound == Bound.AGENT) {
            hub.agentTyping(agent, this, t.conversationId(), t.ref());
        }
    }

    private void start(ClientFrame.Start s) {
        if (bound != Bound.NONE) {
            badFrame("this connection already has a conversation", s.ref());
            return;
        }
        ConversationHub.Started started =
                hub.start(
                        this,
                        s.widget(),
                        s.topic(),
                        new ConversationHub.Visitor(s.name(), s.email(), s.phone(), s.language()));
        if (started instanceof ConversationHub.Started.Ok ok) {
            bound = Bound.VISITOR;
            token = ok.token();
            send(
                    ServerFrames.of("session")
                            .put("token", ok.token())
                            .put("conversationId", ok.conversationId())
                            .put("lastSeq", 0));
        } else if (started instanceof ConversationHub.Started.Refused r) {
            send(ServerFrames.error(r.code(), r.message(), s.ref()));
            if ("busy".equals(r.code())) {
                metrics.limit("too-many-sessions");
                close(4503, "too many conversations");
            }
        }
    }

    private void resume(ClientFrame.Resume r) {
        if (bound == Bound.AGENT) {
            hub.agentResume(agent, this, r.conversationId(), r.lastSeq(), r.ref());
            return;
        }
        if (bound == Bound.VISITOR) {
            badFrame("this connection already has a conversation", r.ref());
            return;
        }
        if (!hub.resumeVisitor(this, r.token(), r.lastSeq(), r.ref())) {
            metrics.limit("unknown-session");
            send(ServerFrames.error("unknown-session", "no such session, start again", r.ref()));
            close(4404, "unknown session");
            return;
        }
        bound = Bound.VISITOR;
        token = r.token();
    }

    private void hello(ChannelHandlerContext ctx, ClientFrame.Hello h) {
        if (bound != Bound.NONE) {
            badFrame("this connection is already bound", h.ref());
            return;
        }
        Caller caller;
        try {
            caller = tokens.verify(h.token());
        } catch (InvalidTokenException e) {
            unauthorized(e.getMessage(), h.ref());
            return;
        }
        if (!caller.has(Role.AGENT)) {
            unauthorized("the token's roles do not include AGENT", h.ref());
            return;
        }
        bound = Bound.AGENT;
        agent = caller;
        ctx.pipeline()
                .replace(
                        IDLE_HANDLER,
                        IDLE_HANDLER,
                        new IdleStateHandler(
                                limits.agentIdle().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        hub.agentJoined(caller, this);
    }

    private void unauthorized(String message, String ref) {
        metrics.limit("unauthorized");
        send(ServerFrames.error("unauthorized", message, ref));
        close(4401, "unauthorized");
    }

    private void notStarted(String ref) {
        badFrame("send start, resume or hello first", ref);
    }

    private void badFrame(String message, String ref) {
        metrics.limit("bad-frame");
        send(ServerFrames.error("bad-frame", message, ref));
        if (++badFrames >= limits.badFrames()) {
            close(4400, "too many bad frames");
        }
    }

    private void rateLimited(String ref) {
        metrics.limit("rate-limited");
        send(ServerFrames.error("rate-limited", "slow down", ref));
        if (++rateViolations >= limits.rateViolations()) {
            close(4429, "rate limited");
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            metrics.limit("idle");
            close(4408, "idle");
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closing.set(true);
        if (admitted) {
            sessions.closed(address);
        }
        if (bound == Bound.VISITOR) {
            hub.visitorGone(token, this);
        } else if (bound == Bound.AGENT) {
            hub.agentGone(agent, this);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException e
                && e.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG) {
            metrics.limit("frame-too-large");
            close(1009, "frame too large");
            return;
        }
        if (cause instanceof TooLongFrameException) {
            metrics.limit("frame-too-large");
            close(1009, "message too large");
            return;
        }
        // Only this connection pays for an unexpected failure.
        LOG.warn("Closing a WebSocket after an unexpected error", cause);
        close(1011, "unexpected error");
    }

    /**
     * Writes a frame without ever buffering without bound: when the channel is not writable (beyond
     * its write buffer high-water mark) and the frames still queued exceed the limits, the
     * connection is closed 4509 instead.
     */
    @Override
    public void send(ObjectNode frame) {
        if (closing.get()) {
            return;
        }
        String text = frame.toString();
        long bytes = text.length();
        if (!channel.isWritable()
                && (pendingFrames.get() >= limits.maxPendingFrames()
                        || pendingBytes.get() + bytes > limits.maxPendingBytes())) {
            if (closing.compareAndSet(false, true)) {
                metrics.limit("slow-consumer");
                // The close frame cannot get past what is queued: drop the connection now.
                channel.writeAndFlush(new CloseWebSocketFrame(4509, "slow consumer"));
                channel.close();
            }
            return;
        }
        pendingFrames.incrementAndGet();
        pendingBytes.addAndGet(bytes);
        channel.writeAndFlush(new TextWebSocketFrame(text))
                .addListener(
                        f -> {
                            pendingFrames.decrementAndGet();
                            pendingBytes.addAndGet(-bytes);
                        });
    }

    @Override
    public void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** For the gateway's shutdown: "going away". */
    public static void goingAway(Channel channel) {
        WsConnection c = channel.pipeline().get(WsConnection.class);
        if (c != null) {
            c.close(1001, "going away");
        } else {
            channel.close();
        }
    }
}
