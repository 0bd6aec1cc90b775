/*
 * The agent desktop's screen: login, ready / not ready, offers with the customer card, the active
 * conversations on every channel with a reply box, close and wrap-up. routing-service's API and
 * assignment stream (api.js) bring the offers; the channel gateway's WebSocket (agent-socket.js)
 * brings the conversations' messages. State lifetimes: offers and conversations live in memory
 * for the page's life and are rebuilt after a reload from the stream's pending offers and the
 * gateway's conversation frames; the login survives a reload (sessionStorage, in api.js).
 * window.RingstreamDesktop exposes a small API for tests.
 */
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const GATEWAY = window.RINGSTREAM_GATEWAY || `ws://${location.hostname}:8090/chat/ws`;
  const api = new window.RingstreamApi();
  const offers = new Map(); // offerId -> { view, node }
  const conversations = new Map(); // contactId -> conversation (see conversation())
  let stopStream = null;
  let socket = null;

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null) continue;
      if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
    }
    node.append(...children);
    return node;
  };
  const status = (text, error = false) => {
    $('status').textContent = text;
    $('status').classList.toggle('error', error);
  };
  const attempt = async (what, action) => {
    try { return await action(); } catch (e) { status(`${what}: ${e.message}`, true); return undefined; }
  };

  // ---- login and the agent's state ----
  $('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('login-error').textContent = '';
    try {
      await api.login($('tenant').value.trim(), $('username').value.trim(), $('password').value);
      $('password').value = '';
      enter();
    } catch (err) {
      $('login-error').textContent = err.message;
    }
  });

  function enter() {
    $('login').hidden = true;
    $('workspace').hidden = false;
    $('agent-id').textContent = api.agentId;
    showState(api.session.state || 'LOGGED_OUT', api.session.reason);
    stopStream = api.follow(assignmentHandlers, (s) => pill('stream', 'offers', s));
    socket = new window.RingstreamAgentSocket(GATEWAY, () => api.token, onGatewayFrame, (s) => pill('gateway', 'chat', s));
    socket.start();
  }

  function leave(message) {
    if (stopStream) stopStream();
    if (socket) socket.stop();
    stopStream = null;
    socket = null;
    api.forget();
    offers.clear();
    conversations.clear();
    $('offers').replaceChildren();
    $('conversations').replaceChildren();
    $('workspace').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
  }
  api.onUnauthorized = () => leave('Your session expired: log in again.');

  function pill(id, label, state) {
    $(id).dataset.state = state;
    $(id).textContent = `${label}: ${state}`;
  }

  function showState(state, reason) {
    $('state').dataset.state = state;
    $('state').textContent = state === 'NOT_READY' ? `not ready (${reason})` : state.toLowerCase().replace('_', ' ');
    Object.assign(api.session, { state, reason });
    api.keep();
  }

  const list = (id) => $(id).value.split(',').map((v) => v.trim()).filter(Boolean);
  const queues = () => list('queues');
  // Routing offers a contact only to an agent who speaks its language (the widget sends the
  // visitor's), so the routing login names the agent's languages.
  const languages = () => list('languages');

  $('ready').addEventListener('click', () => attempt('ready', async () => {
    await api.ensureRoutingLogin(queues(), languages());
    await api.state('READY');
    showState('READY');
    status('Ready for contacts');
  }));
  $('not-ready').addEventListener('click', () => attempt('not ready', async () => {
    const reason = $('not-ready-reason').value;
    await api.ensureRoutingLogin(queues(), languages());
    await api.state('NOT_READY', reason);
    showState('NOT_READY', reason);
    status(`Not ready: ${reason}`);
  }));
  $('logout').addEventListener('click', async () => {
    if (api.session.routingLoggedIn) await attempt('log out', () => api.state('LOGGED_OUT'));
    leave('Logged out.');
  });

  // ---- offers (the assignment stream) ----
  const assignmentHandlers = {
    OFFERED: (v) => showOffer(v),
    ACCEPTED: (v) => { dropOffer(v.offerId); conversation(v.contactId, { channel: v.channel, queue: v.queue, offerId: v.offerId }); },
    REJECTED: (v) => dropOffer(v.offerId),
    TIMED_OUT: (v) => { dropOffer(v.offerId); status(`Offer ${v.offerId} timed out`); },
    CANCELLED: (v) => dropOffer(v.offerId),
  };

  function showOffer(v) {
    if (offers.has(v.offerId)) return;
    const accept = el('button', { type: 'button', 'data-testid': 'desktop-accept', text: 'Accept' });
    const reject = el('button', { type: 'button', 'data-testid': 'desktop-reject', text: 'Reject' });
    const node = el('li', { class: 'offer', 'data-testid': 'desktop-offer', 'data-offer-id': v.offerId, 'data-contact-id': v.contactId, 'data-state': 'offered' },
      el('div', { class: 'offer-head', text: `${v.channel || ''} · ${v.queue || ''} · contact ${v.contactId}` }),
      card(v.customer), el('div', { class: 'actions' }, accept, reject));
    const answer = (how, call) => attempt(how, async () => {
      accept.disabled = true;
      reject.disabled = true;
      await call();
      node.dataset.state = how === 'accept' ? 'accepted' : 'rejected';
      if (how === 'accept') conversation(v.contactId, { channel: v.channel, queue: v.queue, offerId: v.offerId, card: v.customer });
      else dropOffer(v.offerId);
    });
    accept.addEventListener('click', () => answer('accept', () => api.accept(v.offerId)));
    reject.addEventListener('click', () => answer('reject', () => api.reject(v.offerId, 'declined by agent')));
    offers.set(v.offerId, { view: v, node });
    $('offers').append(node);
  }

  function dropOffer(offerId) {
    const offer = offers.get(offerId);
    if (offer) offer.node.remove();
    offers.delete(offerId);
  }

  /** The customer card of an offer: who, tier, open leads, value; or the candidates. */
  function card(c) {
    if (!c) return el('div', { class: 'card unknown', 'data-testid': 'desktop-card', text: 'Unknown customer' });
    const rows = [
      el('div', { class: 'card-name', 'data-testid': 'desktop-card-name', text: c.displayName || (c.customerId ? 'Customer' : 'Several customers match') }),
      c.customerId ? el('div', { class: 'card-id', 'data-testid': 'desktop-card-customer-id', text: c.customerId }) : '',
      c.tier ? el('div', { 'data-testid': 'desktop-card-tier', text: `Tier: ${c.tier}` }) : '',
      c.segment ? el('div', { text: `Segment: ${c.segment}` }) : '',
      c.lifetimeValue != null ? el('div', { text: `Lifetime value: ${c.lifetimeValue} ${c.valueCurrency || ''}` }) : '',
      ...(c.openLeads || []).map((l) => el('div', { 'data-testid': 'desktop-card-lead', text: `Open lead: ${l.stage}${l.value != null ? ` ${l.value} ${l.currency || ''}` : ''}` })),
      ...(c.lastContacts || []).slice(0, 3).map((r) => el('div', { class: 'card-recent', text: `Recent: ${JSON.stringify(r)}` })),
      ...(c.candidates || []).map((k) => el('div', { 'data-testid': 'desktop-card-candidate', text: `Candidate: ${k.displayName || k.customerId}` })),
    ];
    return el('div', { class: 'card', 'data-testid': 'desktop-card', 'data-customer-id': c.customerId || '' }, ...rows);
  }

  // ---- conversations (every channel) ----
  /** The conversation of a contact, made on first sight, with the fields given merged in. */
  function conversation(id, fields = {}) {
    let c = conversations.get(id);
    if (!c) {
      c = { id, messages: [], closed: false, wrappedUp: false };
      c.node = conversationNode(c);
      conversations.set(id, c);
      $('conversations').append(c.node.root);
    }
    Object.assign(c, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
    renderConversation(c);
    return c;
  }

  function conversationNode(c) {
    const t = (id, tag = 'div', attrs = {}) => el(tag, { 'data-testid': `desktop-${id}`, ...attrs });
    const root = el('article', { class: 'conversation', 'data-testid': 'desktop-conversation', 'data-conversation-id': c.id });
    const head = t('conversation-head');
    const cardSlot = el('div');
    const list = t('messages', 'ol', { class: 'messages' });
    const typing = t('typing', 'div', { class: 'typing', hidden: '', text: 'Customer is typing…' });
    const reply = t('reply', 'textarea', { rows: '2', maxlength: '4000', placeholder: 'Reply' });
    const send = t('send', 'button', { type: 'button', text: 'Send' });
    const close = t('close', 'button', { type: 'button', text: 'Close conversation' });
    const wrapUp = t('wrap-up-done', 'button', { type: 'button', hidden: '', text: 'Wrap-up done' });
    const compose = el('div', { class: 'compose' }, reply, send);
    root.append(head, cardSlot, list, typing, compose, el('div', { class: 'actions' }, close, wrapUp));
    const submit = () => {
      const text = reply.value.trim();
      if (!text || !socket) return;
      const clientId = socket.send(c.id, text);
      c.messages.push({ seq: null, from: 'AGENT', clientId, text });
      reply.value = '';
      renderConversation(c);
    };
    send.addEventListener('click', submit);
    reply.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); submit(); } });
    let lastTyping = 0;
    reply.addEventListener('input', () => {
      if (Date.now() - lastTyping > 2000 && socket && socket.frame({ type: 'typing', conversationId: c.id })) lastTyping = Date.now();
    });
    close.addEventListener('click', () => attempt('close', async () => {
      if (socket && c.provider) socket.frame({ type: 'close', conversationId: c.id });
      await api.endContact(c.id);
      c.closed = true;
      renderConversation(c);
    }));
    wrapUp.addEventListener('click', () => attempt('wrap-up', async () => {
      await api.wrapUpDone();
      conversations.delete(c.id);
      root.remove();
      status('Wrap-up done');
    }));
    return { root, head, cardSlot, list, typing, compose, close, wrapUp, reply };
  }

  function renderConversation(c) {
    const n = c.node;
    const who = c.visitor ? [c.visitor.name, c.visitor.email, c.visitor.phone].filter(Boolean).join(' · ') : '';
    n.root.dataset.channel = c.channel || '';
    n.root.dataset.closed = String(c.closed);
    n.head.textContent = `${c.provider || c.channel || ''} · ${c.id}${who ? ` · ${who}` : ''}`;
    if (c.card !== undefined && !n.cardSlot.dataset.shown) { n.cardSlot.replaceChildren(card(c.card)); n.cardSlot.dataset.shown = '1'; }
    n.list.replaceChildren(...c.messages.map((m) => el('li', {
      class: `msg from-${(m.from || '').toLowerCase()}`, 'data-testid': 'desktop-message',
      'data-seq': m.seq == null ? '' : String(m.seq), 'data-from': m.from, 'data-client-id': m.clientId || '',
      'data-status': m.refused ? 'refused' : m.from === 'AGENT' ? (m.read ? 'read' : m.delivered ? 'delivered' : m.seq == null ? 'pending' : 'sent') : 'received',
      'data-receipt': m.receipt || '',
    }, el('span', { text: m.text }), m.refused ? el('em', { text: ` (not sent: ${m.refused})` }) : '')));
    n.list.scrollTop = n.list.scrollHeight;
    n.compose.hidden = c.closed || !c.provider;
    n.close.hidden = c.closed;
    n.wrapUp.hidden = !c.closed;
  }

  /** Keeps a message once: by seq, else the pending one of the same clientId. */
  function addMessage(c, m) {
    if (m.seq != null && c.messages.some((x) => x.seq === m.seq)) return;
    const pending = m.clientId && c.messages.find((x) => x.seq == null && x.clientId === m.clientId);
    if (pending) Object.assign(pending, m); else c.messages.push(m);
    c.messages.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
  }

  function onGatewayFrame(f) {
    const c = f.conversationId ? conversation(f.conversationId) : null;
    switch (f.type) {
      case 'conversation':
        Object.assign(c, { channel: f.channel, provider: f.provider, visitor: f.visitor, customerId: f.customerId, closed: Boolean(f.closed) });
        (f.messages || []).forEach((m) => addMessage(c, m));
        break;
      case 'message':
        addMessage(c, { seq: f.seq, from: f.from, clientId: f.clientId, text: f.text, at: f.at, kind: f.kind });
        if (f.from === 'VISITOR') { c.node.typing.hidden = true; socket.frame({ type: 'read', conversationId: c.id, seq: f.seq }); }
        break;
      case 'ack':
        if (c) addMessage(c, { seq: f.seq, from: 'AGENT', clientId: f.clientId, text: (c.messages.find((m) => m.clientId === f.clientId) || {}).text || '' });
        break;
      case 'refused': {
        const m = c && c.messages.find((x) => x.clientId === f.clientId);
        if (m) m.refused = f.template ? `${f.reason}; template ${f.template} offered` : f.reason;
        break;
      }
      case 'typing':
        c.node.typing.hidden = false;
        clearTimeout(c.typingTimer);
        c.typingTimer = setTimeout(() => { c.node.typing.hidden = true; }, 3000);
        return;
      case 'receipt': {
        // A provider's delivery status of one of the agent's replies (WhatsApp): sent, delivered,
        // read or failed; a later state never goes back to an earlier one.
        const m = c && c.messages.find((x) => x.seq === f.seq && x.from === 'AGENT');
        if (!m) return;
        if (f.status === 'read') m.read = true;
        else if (f.status === 'failed') m.refused = 'delivery failed';
        else if (f.status === 'delivered') m.delivered = true;
        m.receipt = m.read ? 'read' : m.delivered ? 'delivered' : f.status;
        break;
      }
      case 'read':
        c.messages.forEach((m) => { if (m.from === 'AGENT' && m.seq != null && m.seq <= f.seq) m.read = true; });
        break;
      case 'closed':
        c.closed = true;
        addMessage(c, { seq: null, from: 'SYSTEM', clientId: `closed-${f.by}`, text: `Conversation closed by ${(f.by || '').toLowerCase()}` });
        break;
      case 'error':
        status(`chat: ${f.message || f.code}`, true);
        return;
      default:
        return;
    }
    if (c) renderConversation(c);
  }

  window.RingstreamDesktop = {
    agentId: () => api.agentId,
    offers: () => [...offers.keys()],
    conversations: () => [...conversations.values()].map(({ id, channel, provider, closed, messages }) => ({ id, channel, provider, closed, messages })),
    dropGateway: () => socket && socket.drop(),
  };

  if (api.token && api.agentId) enter();
})();
