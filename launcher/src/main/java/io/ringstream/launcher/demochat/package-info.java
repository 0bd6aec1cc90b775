/**
 * {@code up}'s demo chat floor, kept apart from the launcher's commands and stack: simulated chat
 * agents ({@link io.ringstream.launcher.demochat.DemoChatAgents}) that log in to routing-service
 * and answer on the channel gateway's WebSocket, and simulated web-chat visitors ({@link
 * io.ringstream.launcher.demochat.DemoChatVisitors}) that start chats the way the widget does. They
 * use only public doors (routing-service's agent API and the gateway's protocol of
 * docs/channels.md), so the demo exercises what a real deployment runs. Only those two classes are
 * public: the launcher's stack starts and closes them.
 */
package io.ringstream.launcher.demochat;
