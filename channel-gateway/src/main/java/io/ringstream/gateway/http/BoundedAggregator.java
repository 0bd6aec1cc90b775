package io.ringstream.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.ringstream.gateway.GatewayMetrics;

/**
 * Netty's request aggregator with the gateway's answer to an oversized body: a 413 JSON problem
 * (not Netty's bare 413), then the connection is closed, as the rest of the body is not read.
 */
public final class BoundedAggregator extends HttpObjectAggregator {
    private final int maxBytes;
    private final GatewayMetrics metrics;

    public BoundedAggregator(int maxBytes, GatewayMetrics metrics) {
        super(maxBytes);
        this.maxBytes = maxBytes;
        this.metrics = metrics;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        metrics.limit("body-too-large");
        HttpRouter.write(
                ctx,
                HttpAnswer.problem(
                        413, "Body too large", "a request body is at most " + maxBytes + " bytes"),
                false);
    }
}
