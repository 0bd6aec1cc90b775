/*
 * The desktop's calls to routing-service: login, the agent's commands and the assignment stream.
 * The bearer token lives in sessionStorage (a reload keeps the agent logged in; closing the tab
 * forgets it) and is sent on every call; the stream opens with a one-time ticket, and reopens with a
 * new one when it drops.
 */
(() => {
  'use strict';
  const KEY = 'ringstream.desktop.session';

  class Api {
    constructor() {
      this.session = JSON.parse(sessionStorage.getItem(KEY) || 'null');
      this.onUnauthorized = () => {};
    }

    get agentId() { return this.session && this.session.agentId; }
    get token() { return this.session && this.session.token; }

    async login(tenant, username, password) {
      const answer = await fetch('/v1/auth/login', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ tenant, username, password }),
      });
      const body = await answer.json().catch(() => ({}));
      if (!answer.ok) throw new Error(body.detail || body.title || `login failed (${answer.status})`);
      this.session = { token: body.access_token };
      const me = await this.call('GET', '/v1/auth/me');
      if (!me.roles.includes('AGENT')) { this.forget(); throw new Error('this account is not an agent'); }
      this.session = { token: body.access_token, agentId: me.subject, tenant: me.tenant, routingLoggedIn: false };
      this.keep();
      return this.session;
    }

    keep() { sessionStorage.setItem(KEY, JSON.stringify(this.session)); }
    forget() { this.session = null; sessionStorage.removeItem(KEY); }

    async call(method, path, body) {
      const answer = await fetch(path, {
        method,
        headers: { Authorization: `Bearer ${this.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (answer.status === 401) { this.onUnauthorized(); throw new Error('session expired: log in again'); }
      const text = await answer.text();
      const parsed = text ? JSON.parse(text) : {};
      if (!answer.ok) throw new Error(parsed.detail || parsed.title || `${method} ${path}: ${answer.status}`);
      return parsed;
    }

    agentPath(rest) { return `/v1/agents/${encodeURIComponent(this.agentId)}${rest}`; }

    /** Logs the agent in to routing (once per desktop session), so it can go ready. */
    async ensureRoutingLogin(queues, languages) {
      if (this.session.routingLoggedIn) return;
      await this.call('POST', this.agentPath('/login'), {
        queues, languages, capacity: { VOICE: 1, CHAT: 3, MESSAGING: 3 },
      });
      this.session.routingLoggedIn = true;
      this.keep();
    }

    state(state, reason) { return this.call('POST', this.agentPath('/state'), { state, reason }); }
    accept(offerId) { return this.call('POST', this.agentPath(`/offers/${encodeURIComponent(offerId)}/accept`)); }
    reject(offerId, reason) { return this.call('POST', this.agentPath(`/offers/${encodeURIComponent(offerId)}/reject`), { reason }); }
    wrapUpDone() { return this.call('POST', this.agentPath('/wrap-up-done')); }
    endContact(contactId) { return this.call('POST', `/v1/contacts/${encodeURIComponent(contactId)}/end`); }

    /**
     * Follows the assignment stream: handlers[type](view) for CONNECTED, OFFERED, ACCEPTED, ...
     * onState('open'|'reconnecting'|'closed'). Returns a function that stops it.
     */
    follow(handlers, onState) {
      let source = null;
      let stopped = false;
      let attempt = 0;
      const path = this.agentPath('/assignments');
      const open = async () => {
        if (stopped) return;
        try {
          const ticket = await this.call('POST', `/v1/auth/stream-ticket?path=${encodeURIComponent(path)}`);
          if (stopped) return;
          source = new EventSource(`${path}?ticket=${encodeURIComponent(ticket.ticket)}`);
          for (const type of ['CONNECTED', 'OFFERED', 'ACCEPTED', 'REJECTED', 'TIMED_OUT', 'CANCELLED']) {
            source.addEventListener(type, (e) => {
              if (type === 'CONNECTED') { attempt = 0; onState('open'); }
              (handlers[type] || (() => {}))(JSON.parse(e.data));
            });
          }
          // A ticket is single-use: the browser's own retry would be refused, so reopen ourselves.
          source.onerror = () => { source.close(); retry(); };
        } catch (e) {
          retry();
        }
      };
      const retry = () => {
        if (stopped || !this.token) return;
        onState('reconnecting');
        attempt += 1;
        setTimeout(open, Math.min(15000, 500 * 2 ** attempt));
      };
      open();
      return () => { stopped = true; if (source) source.close(); onState('closed'); };
    }
  }

  window.RingstreamApi = Api;
})();
