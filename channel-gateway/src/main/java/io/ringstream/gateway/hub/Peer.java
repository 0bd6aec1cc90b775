package io.ringstream.gateway.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A connected client as the hub sees it: a place to send frames to and close. The WebSocket
 * connection implements it; sending never blocks (a connection that cannot keep up closes itself
 * with 4509) and never throws.
 */
public interface Peer {

    void send(ObjectNode frame);

    /** Closes the connection with a WebSocket close code and a short reason. */
    void close(int code, String reason);
}
