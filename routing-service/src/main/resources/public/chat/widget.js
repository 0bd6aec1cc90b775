/*
 * Ringstream chat widget: one <script> tag adds a chat button and panel to any page.
 *
 *   <script src="https://ringstream.example.com/chat/widget.js" data-widget="demo"
 *           data-topics="sales,support" data-gateway="wss://chat.example.com/chat/ws"></script>
 *
 * It speaks the channel gateway's WebSocket protocol (docs/channels.md). State lifetimes:
 * - the session (token, conversation id, last message number seen, the transcript and the
 *   messages not yet acknowledged) and whether the panel is open live in sessionStorage, so they
 *   survive a reload of the tab and end with the tab or the conversation;
 * - the socket lives until the page goes; when it drops, the widget reconnects with backoff,
 *   sends `resume` with the last number it saw and resends unacknowledged messages with their
 *   same clientId (the gateway answers a duplicate with its first seq).
 * window.RingstreamChat exposes a small API for tests and host pages.
 */
(() => {
  'use strict';
  const script = document.currentScript;
  const data = (script && script.dataset) || {};
  const base = new URL('.', script ? script.src : location.href);
  const GATEWAY = data.gateway || window.RINGSTREAM_GATEWAY || `ws://${location.hostname}:8090/chat/ws`;
  const WIDGET = data.widget || 'demo';
  const TOPICS = (data.topics || 'sales,support').split(',').map((t) => t.trim()).filter(Boolean);
  const KEY = `ringstream.chat.${WIDGET}`;
  const MAX_KEPT = 500;

  // ---- state kept across reloads (sessionStorage) ----
  const empty = () => ({ token: null, conversationId: null, lastSeq: 0, messages: [], outbox: [], agent: null, closed: false });
  let saved = load();
  function load() {
    try { return Object.assign(empty(), JSON.parse(sessionStorage.getItem(KEY)) || {}); } catch { return empty(); }
  }
  function save() { sessionStorage.setItem(KEY, JSON.stringify(saved)); }
  function forget() { saved = empty(); sessionStorage.removeItem(KEY); }

  // ---- DOM ----
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
    }
    node.append(...children);
    return node;
  };
  const tid = (id) => ({ id: `rs-chat-${id}`, 'data-testid': `rs-chat-${id}` });

  const css = el('link', { rel: 'stylesheet', href: new URL('widget.css', base).href });
  const button = el('button', { ...tid('button'), type: 'button', class: 'rs-chat-button', 'aria-expanded': 'false', text: 'Chat with us' });
  const status = el('div', { ...tid('status'), class: 'rs-chat-status', 'data-state': 'idle' });
  const agentLine = el('div', { ...tid('agent'), class: 'rs-chat-agent' });
  const topic = el('select', { ...tid('topic'), name: 'topic' }, ...TOPICS.map((t) => el('option', { value: t, text: t })));
  const name = el('input', { ...tid('name'), name: 'name', autocomplete: 'name', maxlength: '100', required: '' });
  const email = el('input', { ...tid('email'), name: 'email', type: 'email', autocomplete: 'email', maxlength: '200' });
  const startForm = el('form', { ...tid('start-form'), class: 'rs-chat-form' },
    el('label', { text: 'Topic' }, topic), el('label', { text: 'Name' }, name), el('label', { text: 'E-mail' }, email),
    el('button', { ...tid('start'), type: 'submit', text: 'Start chat' }));
  const list = el('ol', { ...tid('messages'), class: 'rs-chat-messages', 'aria-live': 'polite' });
  const typing = el('div', { ...tid('typing'), class: 'rs-chat-typing', hidden: '', text: 'Agent is typing…' });
  const input = el('textarea', { ...tid('input'), rows: '2', maxlength: '4000', placeholder: 'Write a message' });
  const sendForm = el('form', { ...tid('send-form'), class: 'rs-chat-compose' }, input, el('button', { ...tid('send'), type: 'submit', text: 'Send' }));
  const endButton = el('button', { ...tid('close'), type: 'button', class: 'rs-chat-end', text: 'End chat' });
  const newButton = el('button', { ...tid('new'), type: 'button', hidden: '', text: 'Start a new chat' });
  const chatView = el('div', { ...tid('conversation'), class: 'rs-chat-conversation' }, agentLine, list, typing, sendForm, newButton);
  const panel = el('section', { ...tid('panel'), class: 'rs-chat-panel', hidden: '', 'aria-label': 'Chat' },
    el('header', {}, el('span', { text: 'Chat' }), endButton, el('button', { ...tid('minimise'), type: 'button', 'aria-label': 'Close panel', text: '×' })),
    status, startForm, chatView);

  function mount() {
    document.head.append(css);
    document.body.append(button, panel);
    render();
    if (sessionStorage.getItem(`${KEY}.open`)) open();
    if (saved.token && !saved.closed) connect();
  }

  function render() {
    const started = Boolean(saved.token);
    startForm.hidden = started;
    chatView.hidden = !started;
    endButton.hidden = !started || saved.closed;
    sendForm.hidden = saved.closed;
    newButton.hidden = !saved.closed;
    agentLine.textContent = saved.agent ? `${saved.agent.name || saved.agent.id} joined` : (started ? 'Waiting for an agent…' : '');
    list.replaceChildren(...saved.messages.map(messageItem));
    list.scrollTop = list.scrollHeight;
  }

  function messageItem(m) {
    const own = m.from === 'VISITOR';
    const item = el('li', {
      'data-testid': 'rs-chat-message', class: `rs-chat-msg rs-from-${m.from.toLowerCase()}`,
      'data-from': m.from, 'data-seq': m.seq == null ? '' : String(m.seq), 'data-client-id': m.clientId || '',
      'data-status': own ? (m.read ? 'read' : m.seq == null ? 'pending' : 'sent') : 'received',
    }, el('span', { class: 'rs-chat-text', text: m.text }));
    return item;
  }

  function setStatus(state, text) {
    status.dataset.state = state;
    status.textContent = text || '';
  }

  // ---- the conversation ----
  function upsert(m) {
    if (m.seq != null && m.seq <= saved.lastSeq && saved.messages.some((x) => x.seq === m.seq)) return;
    const mine = m.clientId && saved.messages.find((x) => x.seq == null && x.clientId === m.clientId);
    if (mine) Object.assign(mine, m); else saved.messages.push(m);
    if (m.seq != null) saved.lastSeq = Math.max(saved.lastSeq, m.seq);
    saved.messages.sort((a, b) => order(a) - order(b));
    if (saved.messages.length > MAX_KEPT) saved.messages = saved.messages.slice(-MAX_KEPT);
  }

  // Numbered messages by their number; a system line (agent joined, chat ended) right after the
  // newest number it was shown at; the visitor's unacknowledged messages last.
  function order(m) {
    if (m.seq != null) return m.seq;
    return m.from === 'SYSTEM' && m.after != null ? m.after : Infinity;
  }

  function systemLine(key, text) {
    upsert({ seq: null, from: 'SYSTEM', clientId: `${key}-${Date.now()}`, text, after: saved.lastSeq + 0.5 });
  }

  function onFrame(f) {
    switch (f.type) {
      case 'session':
        Object.assign(saved, { token: f.token, conversationId: f.conversationId, lastSeq: f.lastSeq || 0 });
        flushOutbox();
        break;
      case 'resumed':
        saved.conversationId = f.conversationId;
        saved.agent = f.agent || saved.agent;
        saved.closed = Boolean(f.closed);
        flushOutbox();
        break;
      case 'resync':
        // The gateway resends from fromSeq: drop what we hold from there on and take its copy.
        saved.messages = saved.messages.filter((m) => m.seq == null || m.seq < f.fromSeq);
        saved.lastSeq = Math.max(0, f.fromSeq - 1);
        break;
      case 'message':
        upsert({ seq: f.seq, from: f.from, clientId: f.clientId, text: f.text, at: f.at, kind: f.kind });
        saved.outbox = saved.outbox.filter((o) => o.clientId !== f.clientId);
        if (f.from === 'AGENT') { typing.hidden = true; markRead(f.seq); }
        break;
      case 'ack': {
        saved.outbox = saved.outbox.filter((o) => o.clientId !== f.clientId);
        upsert({ seq: f.seq, from: 'VISITOR', clientId: f.clientId, text: textOf(f.clientId) });
        break;
      }
      case 'typing':
        showTyping();
        return;
      case 'read':
        saved.messages.forEach((m) => { if (m.from === 'VISITOR' && m.seq != null && m.seq <= f.seq) m.read = true; });
        break;
      case 'agent_joined':
        saved.agent = f.agent;
        systemLine('joined', `${(f.agent && (f.agent.name || f.agent.id)) || 'An agent'} joined the chat`);
        break;
      case 'agent_left':
        systemLine('left', 'The agent left the chat');
        saved.agent = null;
        break;
      case 'closed':
        saved.closed = true;
        saved.outbox = [];
        systemLine('closed', 'The chat has ended');
        setStatus('closed', 'Chat ended');
        break;
      case 'error':
        if (f.code === 'unknown-session') { forget(); setStatus('idle', 'Your chat has expired. Start a new one.'); }
        else setStatus(status.dataset.state, f.message || f.code);
        break;
      default:
        return;
    }
    save();
    render();
  }

  function textOf(clientId) {
    const m = saved.messages.find((x) => x.clientId === clientId);
    return m ? m.text : '';
  }

  let typingTimer = null;
  function showTyping() {
    typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { typing.hidden = true; }, 3000);
  }

  function markRead(seq) {
    if (!panel.hidden && document.visibilityState === 'visible') sendFrame({ type: 'read', seq });
  }

  // ---- the socket ----
  let ws = null;
  let attempt = 0;
  let retryTimer = null;
  let pendingStart = null;

  function connect() {
    if (ws && ws.readyState <= WebSocket.OPEN) return;
    clearTimeout(retryTimer);
    setStatus(attempt ? 'reconnecting' : 'connecting', attempt ? 'Reconnecting…' : 'Connecting…');
    const socket = new WebSocket(GATEWAY);
    ws = socket;
    socket.onopen = () => {
      attempt = 0;
      setStatus('open', '');
      if (saved.token) sendFrame({ type: 'resume', token: saved.token, lastSeq: saved.lastSeq });
      else if (pendingStart) sendFrame(pendingStart);
    };
    socket.onmessage = (e) => {
      let frame;
      try { frame = JSON.parse(e.data); } catch { return; }
      if (frame && typeof frame.type === 'string') onFrame(frame);
    };
    socket.onclose = (e) => {
      if (ws !== socket) return;
      ws = null;
      if (e.code === 4404) { forget(); render(); setStatus('idle', 'Your chat has expired. Start a new one.'); return; }
      if (saved.closed || (!saved.token && !pendingStart)) { if (!saved.closed) setStatus('idle', ''); return; }
      scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    const delay = Math.min(15000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);
    attempt += 1;
    setStatus('reconnecting', 'Connection lost. Reconnecting…');
    retryTimer = setTimeout(connect, delay);
  }

  function sendFrame(frame) {
    if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify(frame)); return true; }
    return false;
  }

  function flushOutbox() {
    pendingStart = null;
    for (const o of saved.outbox) sendFrame({ type: 'send', clientId: o.clientId, text: o.text });
  }

  const newClientId = () => `v-${crypto.getRandomValues(new Uint32Array(2)).join('-')}`;

  // ---- what the visitor does ----
  function start(details) {
    forget();
    pendingStart = { type: 'start', widget: WIDGET, language: (navigator.language || 'en').slice(0, 2), ...details };
    render();
    if (!sendFrame(pendingStart)) connect();
  }

  function send(text) {
    const trimmed = String(text || '').trim();
    if (!trimmed || saved.closed || !saved.token) return null;
    const clientId = newClientId();
    saved.outbox.push({ clientId, text: trimmed });
    saved.messages.push({ seq: null, from: 'VISITOR', clientId, text: trimmed });
    save();
    render();
    if (!sendFrame({ type: 'send', clientId, text: trimmed }) && !ws) connect();
    return clientId;
  }

  let lastTyping = 0;
  function typed() {
    const now = Date.now();
    if (now - lastTyping > 2000 && sendFrame({ type: 'typing' })) lastTyping = now;
  }

  function open() {
    sessionStorage.setItem(`${KEY}.open`, '1');
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    (saved.token ? input : name).focus();
  }
  function hide() { sessionStorage.removeItem(`${KEY}.open`); panel.hidden = true; button.setAttribute('aria-expanded', 'false'); }

  button.addEventListener('click', () => (panel.hidden ? open() : hide()));
  panel.querySelector('#rs-chat-minimise').addEventListener('click', hide);
  startForm.addEventListener('submit', (e) => {
    e.preventDefault();
    start({ topic: topic.value, name: name.value.trim(), email: email.value.trim() || undefined });
  });
  sendForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (send(input.value)) input.value = '';
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); sendForm.requestSubmit(); }
  });
  input.addEventListener('input', typed);
  endButton.addEventListener('click', () => sendFrame({ type: 'close' }));
  newButton.addEventListener('click', () => { forget(); render(); setStatus('idle', ''); });
  window.addEventListener('online', () => { if (!ws && saved.token && !saved.closed) { attempt = 0; connect(); } });

  window.RingstreamChat = {
    gateway: GATEWAY,
    open, close: hide, start, send,
    /** A copy of what the widget holds: token, conversationId, lastSeq, messages, outbox. */
    state: () => JSON.parse(JSON.stringify(saved)),
    /** Drops the socket as a network failure would (tests): the widget reconnects and resumes. */
    dropConnection: () => { if (ws) ws.close(4000, 'dropped'); },
  };
  // A drop started by the page is a network failure, not an end: onclose only ignores closes
  // after the conversation closed or before a chat started.

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
