package io.ringstream.gateway.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import io.ringstream.gateway.ChatLimits;
import io.ringstream.gateway.GatewayMetrics;
import io.ringstream.gateway.hub.ConversationHub;
import io.ringstream.gateway.ws.SessionLimits;
import io.ringstream.gateway.ws.WsConnection;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.tokens.InvalidTokenException;
import io.ringstream.security.tokens.TokenVerifier;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one HTTP door, thin glue: {@code /health}, {@code /metrics} (bearer token of role
 * SUPERVISOR or ADMIN), {@code /webhooks/whatsapp|instagram} (handed to the {@link WebhookRoute} on
 * the webhook executor) and {@code /chat/ws} (origin checked before the WebSocket upgrade, then the
 * connection caps). Every refusal is a JSON problem; an unexpected failure answers 503 and closes
 * only this connection.
 */
public final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    public static final String WS_PATH = "/chat/ws";
    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);
    private static final String BEARER = "bearer ";

    /** What every connection's router shares. */
    public record Shared(
            ConversationHub hub,
            ChatLimits limits,
            GatewayMetrics metrics,
            PrometheusMeterRegistry prometheus,
            SessionLimits sessions,
            TokenVerifier tokens,
            Set<String> allowedOrigins,
            WebhookRoute webhooks,
            Executor webhookExecutor) {}

    private final Shared shared;

    public HttpRouter(Shared shared) {
        this.shared = shared;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        try {
            route(ctx, request, keepAlive);
        } catch (RuntimeException e) {
            LOG.warn("Unexpected failure answering {} {}", request.method(), request.uri(), e);
            write(ctx, HttpAnswer.problem(503, "Unavailable", "unexpected error, logged"), false);
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
        if (!request.decoderResult().isSuccess()) {
            write(ctx, HttpAnswer.problem(400, "Bad request", "the request is malformed"), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        HttpMethod method = request.method();
        switch (path) {
            case "/health" -> {
                if (!HttpMethod.GET.equals(method)) {
                    write(ctx, notAllowed("GET"), keepAlive);
                } else {
                    write(
                            ctx,
                            HttpAnswer.json(
                                    200, "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8)),
                            keepAlive);
                }
            }
            case "/metrics" -> write(ctx, metrics(request), keepAlive);
            case WS_PATH -> upgrade(ctx, request);
            case "/webhooks/whatsapp", "/webhooks/instagram" ->
                    webhook(ctx, request, uri, path.substring("/webhooks/".length()), keepAlive);
            default ->
                    write(
                            ctx,
                            HttpAnswer.problem(404, "Not found", "no resource at " + path),
                            keepAlive);
        }
    }

    private HttpAnswer metrics(FullHttpRequest request) {
        if (!HttpMethod.GET.equals(request.method())) {
            return notAllowed("GET");
        }
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            shared.metrics().limit("unauthorized");
            return HttpAnswer.problem(
                    401, "Unauthorized", "send Authorization: Bearer <SUPERVISOR or ADMIN token>");
        }
        Caller caller;
        try {
            caller = shared.tokens().verify(authorization.substring(BEARER.length()));
        } catch (InvalidTokenException e) {
            shared.metrics().limit("unauthorized");
            return HttpAnswer.problem(401, "Unauthorized", e.getMessage());
        }
        if (!caller.has(Role.SUPERVISOR) && !caller.has(Role.ADMIN)) {
            shared.metrics().limit("unauthorized");
            return HttpAnswer.problem(
                    403, "Forbidden", "the token's roles include neither SUPERVISOR nor ADMIN");
        }
        return new HttpAnswer(
                200,
                "text/plain; version=0.0.4; charset=utf-8",
                shared.prometheus().scrape().getBytes(StandardCharsets.UTF_8));
    }

    private void webhook(
            ChannelHandlerContext ctx,
            FullHttpRequest request,
            QueryStringDecoder uri,
            String provider,
            boolean keepAlive) {
        WebhookRoute route = shared.webhooks();
        if (route == null) {
            write(
                    ctx,
                    HttpAnswer.problem(404, "Not found", provider + " is not configured"),
                    keepAlive);
            return;
        }
        String method = request.method().name();
        if (!"GET".equals(method) && !"POST".equals(method)) {
            write(ctx, notAllowed("GET, POST"), keepAlive);
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers()
                .forEach(
                        h ->
                                headers.putIfAbsent(
                                        h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        byte[] body = ByteBufUtil.getBytes(request.content());
        // One request at a time on this connection while the route works off the event loop.
        ctx.channel().config().setAutoRead(false);
        try {
            shared.webhookExecutor()
                    .execute(
                            () -> {
                                HttpAnswer answer;
                                try {
                                    answer =
                                            route.answer(
                                                    provider,
                                                    method,
                                                    uri.parameters(),
                                                    headers,
                                                    body);
                                    if (answer == null) {
                                        answer =
                                                HttpAnswer.problem(503, "Unavailable", "no answer");
                                    }
                                } catch (RuntimeException e) {
                                    LOG.warn("The {} webhook failed", provider, e);
                                    answer =
                                            HttpAnswer.problem(
                                                    503, "Unavailable", "unexpected error, logged");
                                }
                                HttpAnswer done = answer;
                                ctx.executor()
                                        .execute(
                                                () -> {
                                                    write(ctx, done, keepAlive);
                                                    ctx.channel().config().setAutoRead(true);
                                                });
                            });
        } catch (RejectedExecutionException e) {
            ctx.channel().config().setAutoRead(true);
            write(
                    ctx,
                    HttpAnswer.problem(503, "Unavailable", "too many webhook deliveries at once"),
                    false);
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null || !shared.allowedOrigins().contains(stripSlash(origin))) {
            shared.metrics().limit("origin");
            write(
                    ctx,
                    HttpAnswer.problem(403, "Forbidden", "origin not allowed: " + origin),
                    false);
            return;
        }
        if (!HttpMethod.GET.equals(request.method())
                || !HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(
                        String.valueOf(request.headers().get(HttpHeaderNames.UPGRADE)))) {
            write(
                    ctx,
                    HttpAnswer.problem(400, "Bad request", "a WebSocket upgrade is expected here"),
                    false);
            return;
        }
        ChatLimits limits = shared.limits();
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(
                                "ws://" + request.headers().get(HttpHeaderNames.HOST) + WS_PATH,
                                null,
                                WebSocketDecoderConfig.newBuilder()
                                        .maxFramePayloadLength(limits.maxFrameBytes())
                                        .allowExtensions(false)
                                        .build())
                        .newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        String address = address(ctx);
        boolean admitted = shared.sessions().open(address, System.nanoTime());
        WsConnection connection =
                new WsConnection(
                        ctx.channel(),
                        shared.hub(),
                        limits,
                        shared.metrics(),
                        shared.sessions(),
                        shared.tokens(),
                        address,
                        admitted);
        ctx.pipeline()
                .addLast(
                        WsConnection.IDLE_HANDLER,
                        new IdleStateHandler(
                                limits.visitorIdle().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast(new WebSocketFrameAggregator(limits.maxFrameBytes()))
                .addLast(connection);
        ctx.pipeline().remove(this);
        handshaker
                .handshake(ctx.channel(), request)
                .addListener(
                        f -> {
                            if (!f.isSuccess()) {
                                ctx.channel().close();
                            } else if (!admitted) {
                                shared.metrics().limit("too-many-sessions");
                                connection.close(4503, "too many sessions");
                            }
                        });
    }

    private static String address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress()
                : String.valueOf(ctx.channel().remoteAddress());
    }

    private static String stripSlash(String origin) {
        String o = origin.trim();
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    private static HttpAnswer notAllowed(String allowed) {
        return HttpAnswer.problem(405, "Method not allowed", "allowed: " + allowed);
    }

    /** Writes a complete answer; closes the connection unless it is kept alive. */
    static void write(ChannelHandlerContext ctx, HttpAnswer answer, boolean keepAlive) {
        FullHttpResponse response =
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(answer.status()),
                        Unpooled.wrappedBuffer(answer.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("Closing an HTTP connection after an unexpected error", cause);
        ctx.close();
    }
}
