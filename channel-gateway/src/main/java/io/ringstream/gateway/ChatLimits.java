package io.ringstream.gateway;

import java.time.Duration;

/**
 * The bounds the WebSocket side keeps, each with a close or error code (docs/channels.md, "Gateway
 * limits"). Every one is configurable so tests can reach them quickly; the defaults are the
 * documented ones.
 *
 * @param maxSessions open WebSocket connections, all addresses together (4503 beyond)
 * @param maxSessionsPerAddress open connections from one remote address (4503 beyond)
 * @param visitorIdle a visitor connection with no frame for this long is closed 4408
 * @param agentIdle an agent connection with no frame for this long is closed 4408 (it pings every
 *     25 s)
 * @param maxFrameBytes a larger WebSocket frame or message is refused (1009)
 * @param maxTextChars a longer message text is refused with error {@code too-long}
 * @param messagesPerSecond a session's sustained send rate; {@code burst} more may come at once
 * @param addressMessagesPerSecond one address's sustained rate over all its sessions
 * @param rateViolations the session is closed 4429 at this many rate-limited frames
 * @param badFrames the session is closed 4400 at this many bad frames
 * @param maxPendingFrames frames queued for a connection that is not writable (4509 beyond)
 * @param maxPendingBytes bytes queued for a connection that is not writable (4509 beyond)
 * @param historyEntries messages a conversation keeps for resuming
 * @param resumeGrace how long a conversation waits for its visitor to come back; unanswered by then
 *     it is abandoned
 * @param conversationIdle a conversation with no message for this long is closed by IDLE
 * @param closedRetention how long a closed conversation is remembered so a late resume hears
 *     "closed"
 */
public record ChatLimits(
        int maxSessions,
        int maxSessionsPerAddress,
        Duration visitorIdle,
        Duration agentIdle,
        int maxFrameBytes,
        int maxTextChars,
        int messagesPerSecond,
        int burst,
        int addressMessagesPerSecond,
        int rateViolations,
        int badFrames,
        int maxPendingFrames,
        long maxPendingBytes,
        int historyEntries,
        Duration resumeGrace,
        Duration conversationIdle,
        Duration closedRetention) {

    /** The documented defaults. */
    public static ChatLimits defaults() {
        return new ChatLimits(
                10_000,
                20,
                Duration.ofSeconds(300),
                Duration.ofSeconds(75),
                16 * 1024,
                4_000,
                5,
                10,
                50,
                3,
                10,
                256,
                1024 * 1024,
                500,
                Duration.ofSeconds(120),
                Duration.ofMinutes(30),
                Duration.ofMinutes(10));
    }
}
