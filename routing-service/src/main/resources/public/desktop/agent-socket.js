/*
 * The agent's WebSocket to the channel gateway (protocol: docs/channels.md). The first frame is
 * `hello` with the agent's bearer token (a browser cannot set headers on a WebSocket); the gateway
 * answers `welcome` and then one `conversation` frame per open conversation assigned to the agent.
 * State lifetimes: the socket lives while the agent is logged in; when it drops, it reconnects with
 * backoff and says hello again (the gateway resends the conversations, and the desktop keeps each
 * message once by its seq). Messages not yet acknowledged stay in memory and are resent after the
 * new welcome with their same clientId, so a resend is never a duplicate.
 */
(() => {
  'use strict';
  const PING_MILLIS = 25000;

  class AgentSocket {
    /** url: the gateway; token(): the current bearer token; onFrame(frame); onState(state). */
    constructor(url, token, onFrame, onState) {
      Object.assign(this, { url, token, onFrame, onState });
      this.ws = null;
      this.attempt = 0;
      this.stopped = false;
      this.outbox = new Map(); // clientId -> send frame, until acked or refused
      this.welcomed = false;
    }

    start() { this.stopped = false; this.connect(); }

    stop() {
      this.stopped = true;
      clearInterval(this.pinger);
      if (this.ws) this.ws.close(1000, 'logout');
      this.onState('closed');
    }

    connect() {
      if (this.stopped || (this.ws && this.ws.readyState <= WebSocket.OPEN)) return;
      this.onState(this.attempt ? 'reconnecting' : 'connecting');
      const ws = new WebSocket(this.url);
      this.ws = ws;
      this.welcomed = false;
      ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', token: this.token() }));
      ws.onmessage = (e) => {
        let frame;
        try { frame = JSON.parse(e.data); } catch { return; }
        if (!frame || typeof frame.type !== 'string') return;
        if (frame.type === 'welcome') {
          this.attempt = 0;
          this.welcomed = true;
          this.onState('open');
          clearInterval(this.pinger);
          this.pinger = setInterval(() => this.raw({ type: 'ping' }), PING_MILLIS);
          for (const f of this.outbox.values()) this.raw(f);
        }
        if (frame.type === 'ack' || frame.type === 'refused') this.outbox.delete(frame.clientId);
        this.onFrame(frame);
      };
      ws.onclose = (e) => {
        if (this.ws !== ws) return;
        this.ws = null;
        clearInterval(this.pinger);
        if (this.stopped) return;
        if (e.code === 4401) { this.onState('refused'); return; }
        this.attempt += 1;
        this.onState('reconnecting');
        const delay = Math.min(15000, 500 * 2 ** this.attempt) * (0.75 + Math.random() / 2);
        setTimeout(() => this.connect(), delay);
      };
    }

    raw(frame) {
      if (this.ws && this.ws.readyState === WebSocket.OPEN) { this.ws.send(JSON.stringify(frame)); return true; }
      return false;
    }

    /** Sends only once welcomed; conversation frames need the agent's identity. */
    frame(frame) { return this.welcomed && this.raw(frame); }

    /** Queues a reply until the gateway acknowledges it; returns its clientId. */
    send(conversationId, text) {
      const clientId = `a-${crypto.getRandomValues(new Uint32Array(2)).join('-')}`;
      const frame = { type: 'send', conversationId, clientId, text };
      this.outbox.set(clientId, frame);
      this.frame(frame);
      return clientId;
    }

    /** Drops the socket as a network failure would (tests): it reconnects and says hello again. */
    drop() { if (this.ws) this.ws.close(4000, 'dropped'); }
  }

  window.RingstreamAgentSocket = AgentSocket;
})();
