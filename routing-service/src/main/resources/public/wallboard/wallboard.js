/*
 * The supervisor's wallboard: a tile per queue, the alert feed, the agents' table and today's
 * intervals, all from routing-service's event stream /v1/wallboard/stream (same origin; the
 * HttpOnly session cookie authenticates it). Events: `thresholds` (per queue, "*" = defaults),
 * `live` (waiting and agents, pushed on every routing change), `kpis` (today's figures, every few
 * seconds) and `alert` (one supervisor alert).
 *
 * State lifetimes: the latest thresholds, live and kpis snapshots live in memory for the page's
 * life and are replaced whole by each event; the feed keeps the newest FEED_SIZE alerts (deduplicated
 * by event id, because a reconnect replays the recent ones). Between live snapshots the oldest wait
 * and the agents' time in state grow here, once a second, from the snapshot's asOf / sinceMillis
 * (epoch ms of the server; the wall screen's clock is assumed close to it), and are recoloured with
 * the same rules as io.ringstream.analytics.wallboard.TileLevel: a figure is red at or above its red
 * threshold, amber at or above amber; service level is red when SL <= red * target, amber when
 * SL <= amber * target. Every colour has a text label too (OK / WARN / ALERT).
 *
 * The stream is "stale" while it is down, when no event came for STALE_AFTER_MS (kpis arrive
 * every 5 s by default), and while the server says its KPIs are stale (ClickHouse unreadable). EventSource reconnects by itself after a network error; after an answer it
 * cannot retry (401, 503) it is closed, so the page asks /v1/wallboard whether the session is gone
 * (then reloads into the login page) or opens a new stream later.
 */
(() => {
  'use strict';
  const STREAM = '/v1/wallboard/stream';
  const FEED_SIZE = 50;
  const STALE_AFTER_MS = 15000;
  const RETRY_MS = 5000;
  const $ = (id) => document.getElementById(id);

  const state = { thresholds: {}, live: null, kpis: null, lastEventAt: 0, open: false, why: 'connecting' };
  const feedIds = new Set();
  const received = new Set(); // the event kinds received since the page loaded
  let source = null;
  let chart = null;

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null) continue;
      if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
    }
    node.append(...children);
    return node;
  };

  // ---- levels: the page's copy of TileLevel, for the figures it shows and ticks ----
  const LEVEL_TEXT = { green: 'OK', amber: 'WARN', red: 'ALERT', none: '' };

  function thresholdsOf(queue) {
    return { ...(state.thresholds['*'] || {}), ...(state.thresholds[queue] || {}) };
  }

  /** Higher is worse: red at or above red, amber at or above amber; no threshold, no level. */
  function levelAtOrAbove(value, amber, red) {
    if (value == null || (amber == null && red == null)) return 'none';
    if (red != null && value >= red) return 'red';
    if (amber != null && value >= amber) return 'amber';
    return 'green';
  }

  /** Service level: lower is worse, relative to the queue's target share. */
  function serviceLevelLevel(sl, target, t) {
    if (sl == null || target == null) return 'none';
    if (t.serviceLevelAmberOfTarget == null && t.serviceLevelRedOfTarget == null) return 'none';
    if (t.serviceLevelRedOfTarget != null && sl <= t.serviceLevelRedOfTarget * target) return 'red';
    if (t.serviceLevelAmberOfTarget != null && sl <= t.serviceLevelAmberOfTarget * target) return 'amber';
    return 'green';
  }

  // ---- formatting ----
  const dash = '—';
  const pct = (share) => (share == null ? dash : share >= 0.9995 ? '100%' : `${(share * 100).toFixed(1)}%`);
  const secs = (s) => (s == null ? dash : s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`);
  function duration(ms) {
    if (ms == null) return dash;
    const total = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
  }
  const time = (epochMs) => new Date(epochMs).toLocaleTimeString([], { hour12: false });

  // ---- tiles ----
  const FIGURES = [
    ['waiting', 'Waiting'],
    ['oldest-wait', 'Oldest wait'],
    ['service-level', 'Service level'],
    ['agents', 'Agents'],
    ['abandoned', 'Abandoned'],
    ['asa', 'ASA'],
    ['aht', 'AHT'],
    ['erlang', 'Required / staffed'],
  ];

  function tile(queue) {
    const existing = document.querySelector(`#tiles [data-queue="${CSS.escape(queue)}"]`);
    if (existing) return existing;
    const node = el('article', { class: 'tile', 'data-queue': queue, 'data-testid': `tile-${queue}` },
      el('h2', { text: queue }));
    for (const [name, label] of FIGURES) {
      node.append(el('div', { class: 'figure', 'data-figure': name, 'data-level': 'none' },
        el('span', { class: 'head' }, el('span', { class: 'label', text: label }), el('span', { class: 'badge' })),
        el('span', { class: 'value', text: dash }),
        el('span', { class: 'detail' })));
    }
    const tiles = $('tiles');
    tiles.querySelector('.empty')?.remove();
    const after = [...tiles.children].find((t) => t.dataset.queue > queue);
    tiles.insertBefore(node, after || null);
    return node;
  }

  /** Sets one figure: its shown text, detail line, raw value (data-value, for tests) and level. */
  function figure(queue, name, { value, text, detail = '', level = 'none' }) {
    const node = tile(queue).querySelector(`[data-figure="${name}"]`);
    node.dataset.level = level;
    if (value == null) delete node.dataset.value; else node.dataset.value = String(value);
    node.querySelector('.value').textContent = text;
    node.querySelector('.detail').textContent = detail;
    node.querySelector('.badge').textContent = LEVEL_TEXT[level];
  }

  /** The queues with a tile: those of the tenant's figures (thresholds are configured for all tenants). */
  function queueNames() {
    const names = new Set();
    (state.live?.queues || []).forEach((q) => names.add(q.queue));
    (state.kpis?.queues || []).forEach((q) => names.add(q.queue));
    return [...names].sort();
  }

  /** Removes the tiles of queues the tenant's figures no longer name (e.g. after midnight UTC). */
  function prune() {
    const names = new Set(queueNames());
    for (const node of [...$('tiles').querySelectorAll('[data-queue]')]) {
      if (!names.has(node.dataset.queue)) node.remove();
    }
  }

  /** Oldest wait now: the snapshot's value plus the time since the snapshot, while someone waits. */
  function oldestWaitNow(q) {
    if (!q || !q.waiting || q.oldestWaitMillis == null) return null; // nobody waits: no level
    return q.oldestWaitMillis + Math.max(0, Date.now() - state.live.asOf);
  }

  function renderLive() {
    prune();
    for (const name of queueNames()) {
      const q = (state.live?.queues || []).find((x) => x.queue === name);
      const t = thresholdsOf(name);
      figure(name, 'waiting', {
        value: q ? q.waiting : null,
        text: q ? String(q.waiting) : dash,
        detail: q && q.estimatedWaitMillis != null ? `est. wait ${duration(q.estimatedWaitMillis)}` : '',
        level: levelAtOrAbove(q ? q.waiting : null, t.waitingAmber, t.waitingRed),
      });
      renderOldestWait(name, q, t);
      const agents = tile(name).querySelector('[data-figure="agents"]');
      figure(name, 'agents', {
        value: q ? q.agentsAvailable : null,
        text: q ? String(q.agentsAvailable) : dash,
        detail: q ? `available\n${q.agentsOnContact} on contact\n${q.agentsWrapUp} wrap-up\n`
          + `${q.agentsNotReady} not ready` : '',
      });
      for (const [part, key] of [['available', 'agentsAvailable'], ['on-contact', 'agentsOnContact'],
        ['wrap-up', 'agentsWrapUp'], ['not-ready', 'agentsNotReady'], ['logged-in', 'agentsLoggedIn']]) {
        agents.dataset[camel(part)] = q && q[key] != null ? String(q[key]) : '';
      }
    }
  }
  const camel = (s) => s.replace(/-(.)/g, (_, c) => c.toUpperCase());

  function renderOldestWait(name, q, t) {
    const ms = oldestWaitNow(q);
    figure(name, 'oldest-wait', {
      value: ms,
      text: duration(ms),
      detail: t.oldestWaitRedSeconds != null ? `alert at ${t.oldestWaitRedSeconds} s` : '',
      level: levelAtOrAbove(ms == null ? null : ms / 1000, t.oldestWaitAmberSeconds, t.oldestWaitRedSeconds),
    });
  }

  function renderKpis() {
    prune();
    for (const name of queueNames()) {
      const k = (state.kpis?.queues || []).find((x) => x.queue === name);
      const t = thresholdsOf(name);
      tile(name).dataset.offered = k ? String(k.offered) : '';
      tile(name).dataset.answered = k ? String(k.answered) : '';
      figure(name, 'service-level', {
        value: k ? k.serviceLevel : null,
        text: pct(k?.serviceLevel),
        detail: k && k.slTargetShare != null
          ? `target ${Math.round(k.slTargetShare * 100)}% in ${k.slThresholdSeconds} s (${k.slConvention})` : '',
        level: serviceLevelLevel(k?.serviceLevel, k?.slTargetShare, t),
      });
      figure(name, 'abandoned', {
        value: k ? k.abandoned : null,
        text: k ? String(k.abandoned) : dash,
        detail: k ? `${pct(k.abandonRate)} of ${k.offered} offered` : '',
        level: levelAtOrAbove(k?.abandonRate, t.abandonRateAmber, t.abandonRateRed),
      });
      figure(name, 'asa', { value: k?.asaSeconds, text: secs(k?.asaSeconds), detail: k ? `${k.answered} answered` : '' });
      figure(name, 'aht', { value: k?.ahtSeconds, text: secs(k?.ahtSeconds) });
      const erlang = tile(name).querySelector('[data-figure="erlang"]');
      figure(name, 'erlang', {
        value: k?.agentsRequired,
        text: k && k.agentsRequired != null ? `${k.agentsRequired} / ${k.agentsStaffed ?? dash}` : dash,
        detail: 'agents, Erlang C',
      });
      erlang.dataset.staffed = k && k.agentsStaffed != null ? String(k.agentsStaffed) : '';
    }
    renderChart();
  }

  // ---- agents ----
  const SENTIMENT = (s) => (s == null ? '' : s <= -0.3 ? 'negative' : s >= 0.3 ? 'positive' : 'neutral');
  const STATE_TEXT = { AVAILABLE: 'Available', RESERVED: 'Offered', BUSY: 'On contact', WRAP_UP: 'Wrap-up', NOT_READY: 'Not ready' };

  function renderAgents() {
    const body = $('agents').tBodies[0];
    const kpis = new Map((state.kpis?.agents || []).map((a) => [a.agentId, a]));
    const live = state.live?.agents || [];
    const ids = [...new Set([...live.map((a) => a.agentId), ...kpis.keys()])].sort();
    body.replaceChildren(...ids.map((id) => {
      const a = live.find((x) => x.agentId === id);
      const k = kpis.get(id) || {};
      const sentiment = k.sentiment;
      return el('tr', { 'data-agent': id, 'data-state': a ? a.state : 'LOGGED_OUT' },
        el('td', { 'data-col': 'agent', text: id }),
        el('td', { 'data-col': 'state', class: 'state', text: a ? (STATE_TEXT[a.state] || a.state) + (a.reason ? ` (${a.reason})` : '') : 'Logged out' }),
        el('td', { 'data-col': 'time-in-state', 'data-since': a ? a.sinceMillis : null, text: a ? duration(Date.now() - a.sinceMillis) : dash }),
        el('td', { 'data-col': 'contacts-today', text: k.contactsToday ?? dash }),
        el('td', { 'data-col': 'aht', text: secs(k.ahtSeconds) }),
        el('td', { 'data-col': 'occupancy', text: pct(k.occupancy) }),
        el('td', { 'data-col': 'sentiment', 'data-sentiment': SENTIMENT(sentiment) || null,
          text: sentiment == null ? dash : `${sentiment.toFixed(2)} ${SENTIMENT(sentiment)}` }));
    }));
  }

  // ---- feed ----
  const KIND_TEXT = { SLA_BREACH: 'SLA breach', SLA_WARNING: 'SLA warning', NEGATIVE_SENTIMENT: 'Negative sentiment' };

  function addAlert(a) {
    if (a.eventId && feedIds.has(a.eventId)) return;
    if (a.eventId) feedIds.add(a.eventId);
    const feed = $('feed');
    feed.prepend(el('li', { 'data-kind': a.kind, 'data-severity': a.severity, 'data-event-id': a.eventId, 'data-queue': a.queue },
      el('time', { text: time(a.eventTime) }),
      el('strong', { class: 'kind', text: KIND_TEXT[a.kind] || a.kind }),
      el('span', { class: 'where', text: [a.queue, a.agentId && `agent ${a.agentId}`].filter(Boolean).join(' · ') }),
      el('span', { class: 'message', text: a.message })));
    while (feed.children.length > FEED_SIZE) {
      feedIds.delete(feed.lastElementChild.dataset.eventId);
      feed.lastElementChild.remove();
    }
  }

  // ---- chart: today's intervals, tenant-wide ----
  const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

  /** [start, end] of the KPIs' UTC day, in seconds (uPlot's time unit). */
  function utcDay() {
    const now = state.kpis?.asOf || Date.now();
    const start = Math.floor(now / 86400000) * 86400;
    return [start, start + 86400];
  }

  function renderChart() {
    const intervals = state.kpis?.intervals || [];
    const data = [
      intervals.map((i) => i.start / 1000),
      intervals.map((i) => i.offered),
      intervals.map((i) => i.answered),
      intervals.map((i) => (i.serviceLevel == null ? null : i.serviceLevel * 100)),
    ];
    if (!window.uPlot) return;
    if (!chart) {
      const box = $('chart');
      chart = new window.uPlot({
        width: Math.max(300, box.clientWidth),
        height: 260,
        series: [
          {},
          { label: 'Offered', stroke: '#60a5fa', width: 2, points: { size: 9 } },
          { label: 'Answered', stroke: '#4ade80', width: 2, points: { size: 9 } },
          { label: 'Service level %', stroke: '#facc15', width: 2, points: { size: 9 }, dash: [6, 4], scale: '%' },
        ],
        // The whole UTC day (the figures' day), so a morning's few intervals sit where they belong.
        scales: { x: { time: true, range: () => utcDay() }, '%': { range: [0, 100] } },
        axes: [
          { stroke: '#cbd5e1', grid: { stroke: '#334155' } },
          { stroke: '#cbd5e1', grid: { stroke: '#334155' }, label: 'contacts', incrs: COUNT_STEPS },
          { side: 1, scale: '%', stroke: '#facc15', grid: { show: false }, label: 'SL %' },
        ],
      }, data, box);
      window.addEventListener('resize', () => chart.setSize({ width: Math.max(300, box.clientWidth), height: 260 }));
    } else {
      chart.setData(data);
    }
    $('chart').dataset.points = String(intervals.length);
  }

  // ---- stream ----
  /** Shows whether the figures are live; `why` says what is wrong while the stream is down. */
  function setStream(open, why) {
    state.open = open;
    if (why) state.why = why;
    const pill = $('stream');
    const silent = Date.now() - state.lastEventAt > STALE_AFTER_MS;
    // The server keeps its last KPIs and flags them stale while ClickHouse cannot be read.
    const oldKpis = open && !silent && state.kpis && state.kpis.stale;
    const stale = !open || silent || oldKpis;
    pill.dataset.state = stale ? 'stale' : 'live';
    pill.textContent = !stale ? 'LIVE'
      : !open ? `STALE · ${state.why}`
        : silent ? 'STALE · no data'
          : `STALE · KPIs ${state.kpis.asOf ? `of ${time(state.kpis.asOf)}` : 'not read yet'}`;
    document.body.classList.toggle('stale', stale);
  }

  const handlers = {
    thresholds(map) { state.thresholds = map || {}; renderLive(); renderKpis(); },
    live(figures) { state.live = figures; renderLive(); renderAgents(); },
    kpis(figures) { state.kpis = figures; renderKpis(); renderAgents(); },
    alert(a) { addAlert(a); },
  };

  function connect() {
    source = new EventSource(STREAM, { withCredentials: true });
    source.onopen = () => setStream(true);
    for (const [name, handle] of Object.entries(handlers)) {
      source.addEventListener(name, (e) => {
        state.lastEventAt = Date.now();
        received.add(name);
        $('stream').dataset.received = [...received].sort().join(' '); // which kinds came, for tests
        try { handle(JSON.parse(e.data)); } catch (err) { console.error(`wallboard ${name}:`, err); }
        setStream(true);
      });
    }
    source.onerror = () => {
      if (source.readyState === EventSource.CONNECTING) { setStream(false, 'reconnecting'); return; }
      // Closed: the server answered with something EventSource does not retry.
      source.close();
      setStream(false, 'disconnected');
      fetch('/v1/wallboard', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then((r) => { if (r.status === 401 || r.status === 403) location.reload(); })
        .catch(() => {})
        .finally(() => setTimeout(() => { if (source.readyState === EventSource.CLOSED) connect(); }, RETRY_MS));
    };
  }

  // ---- the clock: what grows between snapshots ----
  function tick() {
    $('clock').textContent = time(Date.now());
    if (state.live) {
      for (const name of queueNames()) {
        renderOldestWait(name, (state.live.queues || []).find((x) => x.queue === name), thresholdsOf(name));
      }
      for (const cell of $('agents').querySelectorAll('[data-since]')) {
        cell.textContent = duration(Date.now() - Number(cell.dataset.since));
      }
    }
    setStream(state.open);
  }

  $('logout').addEventListener('click', async () => {
    await fetch('/v1/auth/session', { method: 'DELETE', credentials: 'same-origin' }).catch(() => {});
    location.reload();
  });

  connect();
  tick();
  setInterval(tick, 1000);
})();
