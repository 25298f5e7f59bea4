// StageControl dashboard: stage view, nodes, tracking, sync, collaborators and linked sites, panel previews and the
// DoP's live controls. Talks to the coordinator's HTTP API on the same origin (Dashboard/DashboardEndpoints.cs):
// /api/stage once, /api/status at 4 Hz (cameras incl. collaborators' virtual/<subject> and remote sites' site/camera,
// annotations, federation), /api/previews/{panel}.png about once a second for the thumbnails in view, POST /api/operator.
// Messages are proto3 JSON: lowerCamelCase names, 64-bit integers as strings (hence Number(...) below).
// Each /api/* request carries the token given (?token=… or the token box); a role that may look but not steer (a
// collaborator) sees everything and gets the coordinator's refusal under the operator form.
//
// The 3D view is our own small canvas-2D renderer (perspective projection, painter's sort), not WebGL/three.js:
// recent Chromium no longer falls back to a software WebGL on machines without a GPU, and an operator laptop or a
// headless browser must still see the stage; the scene is a few hundred flat quads and lines, which canvas 2D draws
// easily. No build step and nothing fetched from outside.
'use strict';

(() => {
  const POLL_MS = 250;
  const PREVIEW_MS = 1000;
  const NODE_COLOURS = ['#4c8dff', '#f0884a', '#5fd38d', '#c77dff', '#f0c05a', '#4fd1c5', '#ff6b9a', '#9aa4b2'];
  const TRACKED_COLOUR = '#9aa4b2';
  const ACTIVE_COLOUR = '#ffffff';
  const VIRTUAL_COLOUR = '#e58cff';
  const REMOTE_COLOUR = '#7fdcff';
  const VIRTUAL_DASH = [6, 4];
  const VIRTUAL_PREFIX = 'virtual/'; // CollaboratorStore.CameraPrefix
  const STATE_NAMES = {
    NODE_STATE_UNSPECIFIED: 'unknown', NODE_STATE_OFFLINE: 'offline', NODE_STATE_JOINING: 'joining',
    NODE_STATE_LIVE: 'live', NODE_STATE_LAGGING: 'lagging', NODE_STATE_DISCONNECTED: 'disconnected',
  };

  const $ = (id) => document.getElementById(id);
  const state = {
    token: null,
    stage: null,
    status: null,
    nodeColour: new Map(),
    operatorVersion: null,
    formDirty: false,
    readOnly: false,
    remoteSites: new Set(),
    view: { yaw: 0.6, pitch: 0.3, distance: 8, target: [0, 1.5, -2], touched: false, fittedCameras: false },
  };

  // ---- access token: ?token=… once (then kept for the tab), or typed in when the coordinator asks for one ----------
  function initToken() {
    const url = new URL(window.location.href);
    const fromUrl = url.searchParams.get('token');
    if (fromUrl) {
      sessionStorage.setItem('stagecontrol.token', fromUrl);
      url.searchParams.delete('token');
      history.replaceState(null, '', url.toString());
    }
    state.token = sessionStorage.getItem('stagecontrol.token');
    $('token-save').addEventListener('click', () => {
      const value = $('token-input').value.trim();
      if (value) {
        sessionStorage.setItem('stagecontrol.token', value);
        state.token = value;
        state.readOnly = false;
        $('token-box').hidden = true;
        $('operator-error').textContent = '';
        start();
      }
    });
  }

  // A 401 or 403 from the coordinator, with its message (which roles may do what).
  class AccessRefused extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  // options.inlineRefusal: a 403 is the caller's to show where it happened (a collaborator pressing Apply); otherwise
  // a refusal opens the token box, since the page cannot work with this token.
  async function api(path, options = {}) {
    const { inlineRefusal, ...init } = options;
    const headers = Object.assign({}, init.headers || {});
    if (state.token) {
      headers.Authorization = 'Bearer ' + state.token;
    }
    const response = await fetch(path, Object.assign({}, init, { headers, cache: 'no-cache' }));
    if (response.status === 401 || response.status === 403) {
      const message = (await response.text()).trim() || ('access refused: HTTP ' + response.status);
      if (response.status === 401 || !inlineRefusal) {
        $('token-box').hidden = false;
        $('token-error').textContent = message;
      }
      throw new AccessRefused(response.status, message);
    }
    return response;
  }

  // ---- stage model -------------------------------------------------------------------------------------------------
  async function loadStage() {
    const response = await api('/api/stage');
    const stage = await response.json();
    state.stage = stage;
    $('stage-name').textContent = stage.name;
    document.title = stage.name + ' — StageControl';
    if (stage.rate) {
      $('rate').textContent = stage.rate.numerator + '/' + stage.rate.denominator + ' fps';
    }
    const legend = $('legend');
    legend.textContent = '';
    const legendItem = (text, colour, className) => {
      const item = document.createElement('span');
      item.className = className;
      item.style.setProperty('--swatch', colour);
      item.textContent = text;
      legend.appendChild(item);
    };
    stage.nodes.forEach((node, i) => {
      const colour = NODE_COLOURS[i % NODE_COLOURS.length];
      state.nodeColour.set(node.name, colour);
      legendItem(node.name, colour, 'node-name');
    });
    legendItem('tracked camera', TRACKED_COLOUR, 'legend-kind');
    legendItem('virtual camera', VIRTUAL_COLOUR, 'legend-kind dashed');
    legendItem('remote site camera', REMOTE_COLOUR, 'legend-kind');
    legendItem('annotation', '#ffffff', 'legend-kind round');
    const select = $('op-camera');
    select.textContent = '';
    for (const camera of stage.cameras) {
      const option = document.createElement('option');
      option.value = camera.name;
      option.textContent = camera.name;
      select.appendChild(option);
    }
    fitView(stage.panels);
    buildPreviews(stage.panels);
  }

  // ---- status ------------------------------------------------------------------------------------------------------
  async function pollStatus() {
    try {
      const response = await api('/api/status');
      if (!response.ok) {
        throw new Error('status ' + response.status);
      }
      const status = await response.json();
      state.status = status;
      state.remoteSites = new Set(((status.federation || {}).peers || []).map((p) => p.site));
      $('connection').textContent = 'live';
      $('connection').className = 'good';
      $('frame').textContent = 'frame ' + Number(status.frame);
      invalidate();
      renderNodes(status.nodes || []);
      renderTracking(status.sources || [], status.cameras || [], status.calibration || []);
      renderSync(status.sync || {});
      renderCollaboration(status);
      renderFederation(status.federation, status.cameras || []);
      syncCameraChoices(status.cameras || []);
      const tracked = (status.cameras || []).filter((c) => c.valid);
      if (tracked.length > 0 && !state.view.fittedCameras && state.stage) {
        state.view.fittedCameras = true;
        fitView(state.stage.panels, tracked);
      }
      if (status.operator) {
        showOperator(status.operator, false);
      }
    } catch (e) {
      $('connection').textContent = e instanceof AccessRefused ? 'access refused: ' + e.message : 'no answer from the coordinator';
      $('connection').className = 'bad';
    } finally {
      setTimeout(pollStatus, POLL_MS);
    }
  }

  function fixed(value, digits) {
    const n = Number(value);
    return Number.isFinite(n) ? n.toFixed(digits) : '–';
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function renderNodes(nodes) {
    const body = $('nodes-table').tBodies[0];
    body.textContent = '';
    for (const node of nodes) {
      const row = document.createElement('tr');
      row.dataset.node = node.name;
      const name = cell(row, node.name, 'node-name');
      name.style.color = state.nodeColour.get(node.name) || '';
      const stateName = STATE_NAMES[node.state] || String(node.state).toLowerCase();
      cell(row, stateName, 'node-state state-' + stateName);
      cell(row, String(node.panels), 'num');
      cell(row, fixed(node.renderMs, 2), 'num render-ms');
      cell(row, fixed(node.cueToReadyMs, 2), 'num');
      cell(row, String(Number(node.framesReady)), 'num frames-ready');
      cell(row, String(Number(node.framesMissed)), 'num frames-missed');
      cell(row, fixed(node.lastSeenMs, 0), 'num');
      body.appendChild(row);
    }
  }

  function renderTracking(sources, cameras, calibration) {
    const body = $('sources-table').tBodies[0];
    body.textContent = '';
    if (sources.length === 0) {
      const row = document.createElement('tr');
      cell(row, 'no tracking received yet', 'muted').colSpan = 6;
      body.appendChild(row);
    }
    for (const s of sources) {
      const row = document.createElement('tr');
      cell(row, s.endpoint);
      cell(row, s.protocol + ':' + s.port);
      cell(row, fixed(s.rateHz, 1), 'num');
      cell(row, fixed(s.jitterUs, 0), 'num');
      cell(row, String(Number(s.lost)), 'num');
      cell(row, fixed(s.lastSeenMs, 0), 'num ' + (s.stale ? 'bad' : 'good'));
      body.appendChild(row);
    }
    const cameraBody = $('cameras-table').tBodies[0];
    cameraBody.textContent = '';
    for (const c of cameras) {
      const row = document.createElement('tr');
      cell(row, c.name);
      cell(row, c.valid ? (c.stale ? 'stale' : 'yes') : 'no', c.valid && !c.stale ? 'good' : 'bad');
      const p = c.position || { x: 0, y: 0, z: 0 };
      cell(row, fixed(p.x, 2) + ', ' + fixed(p.y, 2) + ', ' + fixed(p.z, 2), 'num');
      cell(row, fixed(c.horizontalFovDeg, 1), 'num');
      cell(row, fixed(Number(c.sampleAgeUs) / 1000, 1), 'num');
      // The stage cameras' calibration (CalibrationService); virtual and remote cameras have none here.
      const k = calibration.find((x) => x.camera === c.name);
      cell(row, !k ? '–' : k.registration ? 'rms ' + fixed(Number(k.registration.rmsM || 0) * 1000, 1) + ' mm' : 'no');
      cell(row, k ? fixed(Number(k.delayMs || 0), 1) : '–', 'num');
      cameraBody.appendChild(row);
    }
  }

  function renderSync(sync) {
    $('sync-presented').textContent = String(Number(sync.framesPresented || 0));
    $('sync-missed').textContent = String(Number(sync.framesMissed || 0));
    $('sync-skew').textContent = fixed(sync.barrierSkewP50Us, 0) + ' / ' + fixed(sync.barrierSkewP99Us, 0) + ' µs';
    $('sync-overhead').textContent = fixed(sync.presentOverheadP99Us, 0) + ' µs';
    $('sync-latency').textContent = fixed(sync.poseLatencyP50Us, 0) + ' / ' + fixed(sync.poseLatencyP99Us, 0) + ' µs';
    $('sync-dropped').textContent = String(Number(sync.cuesDropped || 0));
    const bounds = sync.latencyBoundsUs || [];
    const counts = (sync.latencyCounts || []).map(Number);
    const max = Math.max(1, ...counts);
    const histogram = $('latency-histogram');
    histogram.textContent = '';
    bounds.forEach((bound, i) => {
      const bar = document.createElement('div');
      bar.className = 'bar';
      const upper = Number(bound);
      bar.title = (Number.isFinite(upper) ? '≤ ' + upper + ' µs' : '> ' + bounds[i - 1] + ' µs') + ': ' + (counts[i] || 0);
      const fill = document.createElement('div');
      fill.className = 'fill';
      fill.style.height = (100 * (counts[i] || 0) / max) + '%';
      const label = document.createElement('div');
      label.className = 'label';
      label.textContent = Number.isFinite(upper) ? '≤' + (upper >= 1000 ? (upper / 1000) + 'ms' : upper + 'µs') : '∞';
      bar.appendChild(fill);
      bar.appendChild(label);
      histogram.appendChild(bar);
    });
  }

  // ---- collaborators and linked sites ------------------------------------------------------------------------------
  // "site/camera" for a linked site's cameras (its collaborators' too: "site/virtual/alice"), "virtual/<subject>" for
  // this stage's collaborators, anything else tracked here.
  function cameraKind(name) {
    const slash = name.indexOf('/');
    if (slash > 0 && state.remoteSites.has(name.slice(0, slash))) {
      return 'remote';
    }
    return name.startsWith(VIRTUAL_PREFIX) ? 'virtual' : 'tracked';
  }

  // The live-camera choices: the stage's cameras, then the linked sites' tracked cameras (never a collaborator's
  // virtual camera, here or remote). The selected value is kept while its option exists.
  function syncCameraChoices(cameras) {
    if (!state.stage) {
      return;
    }
    const wanted = state.stage.cameras.map((c) => c.name);
    for (const camera of cameras) {
      const slash = camera.name.indexOf('/');
      if (cameraKind(camera.name) === 'remote' && !camera.name.slice(slash + 1).startsWith(VIRTUAL_PREFIX)) {
        wanted.push(camera.name);
      }
    }
    const select = $('op-camera');
    const have = Array.from(select.options, (o) => o.value);
    if (have.length === wanted.length && have.every((v, i) => v === wanted[i])) {
      return;
    }
    const selected = select.value;
    select.textContent = '';
    for (const name of wanted) {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      select.appendChild(option);
    }
    if (wanted.includes(selected)) {
      select.value = selected;
    }
  }

  function ago(seconds) {
    if (!Number.isFinite(seconds) || seconds < 0) {
      return '–';
    }
    if (seconds < 60) {
      return seconds.toFixed(1) + ' s ago';
    }
    return seconds < 3600 ? Math.floor(seconds / 60) + ' min ago' : (seconds / 3600).toFixed(1) + ' h ago';
  }

  // The coordinator's time of the status (its epoch + frame · period), so ages do not depend on this machine's clock.
  function coordinatorNowNs(status) {
    const rate = status.rate || {};
    const period = rate.numerator ? 1e9 * rate.denominator / rate.numerator : 0;
    return Number(status.epochUnixNs) + Number(status.frame) * period;
  }

  function positionText(p) {
    const v = p || {};
    return fixed(v.x || 0, 2) + ', ' + fixed(v.y || 0, 2) + ', ' + fixed(v.z || 0, 2);
  }

  // Annotation colours are linear 0..1 (collaborator.proto Rgba); the canvas and CSS want sRGB. Never fainter than half
  // opaque, so a marker cannot vanish.
  function annotationColour(c) {
    const colour = c || { red: 1, green: 1, blue: 1, alpha: 1 };
    const channel = (v) => Math.round(255 * toSrgb(Math.min(1, Math.max(0, v || 0))));
    const alpha = Math.max(0.5, Math.min(1, colour.alpha === undefined ? 1 : colour.alpha));
    return 'rgba(' + channel(colour.red) + ', ' + channel(colour.green) + ', ' + channel(colour.blue) + ', ' + alpha + ')';
  }

  function emptyRow(body, text, span) {
    const row = document.createElement('tr');
    cell(row, text, 'muted').colSpan = span;
    body.appendChild(row);
  }

  function renderCollaboration(status) {
    const body = $('virtual-table').tBodies[0];
    body.textContent = '';
    const virtual = (status.cameras || []).filter((c) => cameraKind(c.name) === 'virtual');
    if (virtual.length === 0) {
      emptyRow(body, 'no collaborator has a virtual camera', 5);
    }
    for (const c of virtual) {
      const row = document.createElement('tr');
      row.dataset.camera = c.name;
      cell(row, c.name.slice(VIRTUAL_PREFIX.length), 'subject').style.color = VIRTUAL_COLOUR;
      cell(row, c.name);
      cell(row, positionText(c.position), 'num');
      cell(row, fixed(c.horizontalFovDeg, 1), 'num');
      cell(row, ago(Number(c.sampleAgeUs) / 1e6), 'num updated');
      body.appendChild(row);
    }

    const annotations = status.annotations || [];
    $('annotation-count').textContent = '(' + annotations.length + ')';
    const perAuthor = new Map();
    for (const a of annotations) {
      perAuthor.set(a.author, (perAuthor.get(a.author) || 0) + 1);
    }
    $('annotation-authors').textContent = Array.from(perAuthor, ([author, n]) => author + ': ' + n).join(' · ');
    const list = $('annotations-table').tBodies[0];
    list.textContent = '';
    if (annotations.length === 0) {
      emptyRow(list, 'no annotations on the stage', 4);
    }
    const now = coordinatorNowNs(status);
    for (const a of annotations) {
      const row = document.createElement('tr');
      row.dataset.annotation = a.id;
      const text = cell(row, a.text, 'annotation-text swatch');
      text.style.setProperty('--swatch', annotationColour(a.color));
      text.style.whiteSpace = 'normal';
      cell(row, a.author, 'annotation-author');
      cell(row, positionText(a.position), 'num annotation-position');
      cell(row, ago((now - Number(a.createdUnixNs)) / 1e9), 'num');
      list.appendChild(row);
    }
  }

  function linkClass(linkState) {
    return { locked: 'good', serving: 'good', linked: 'good', syncing: 'warn', connecting: 'warn', lost: 'bad' }[linkState] || 'muted';
  }

  function renderFederation(f, cameras) {
    const figures = $('federation-figures');
    figures.textContent = '';
    const figure = (name, label, text, className) => {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.dataset.figure = name;
      dd.textContent = text;
      if (className) {
        dd.className = className;
      }
      figures.appendChild(dt);
      figures.appendChild(dd);
    };
    const peersTable = $('peers-table');
    if (!f || !f.role || f.role === 'standalone') {
      figure('role', 'Role', 'standalone: not linked to other sites', 'muted');
      peersTable.hidden = true;
      return;
    }
    figure('role', 'Role', f.role + ' (site ' + f.site + ')');
    figure('link', 'Link', f.linkState || '–', linkClass(f.linkState));
    if (f.role === 'secondary') {
      figure('primary', 'Primary', f.primary || '–');
      figure('offset', 'Clock offset ± bound', fixed(f.offsetUs, 1) + ' ± ' + fixed(f.errorBoundUs, 1) + ' µs');
      figure('jitter', 'Jitter / round trip', fixed(f.jitterUs, 1) + ' / ' + fixed(f.roundTripUs, 1) + ' µs');
      figure('resyncs', 'Resyncs / epoch steps', Number(f.resyncs || 0) + ' / ' + Number(f.steps || 0));
    }
    figure('delay', 'Remote delay D', f.delayFrames + (f.delayFrames === 1 ? ' frame' : ' frames'));
    figure('refused', 'Refused messages', String(Number(f.refused || 0)));

    peersTable.hidden = false;
    const body = peersTable.tBodies[0];
    body.textContent = '';
    const peers = f.peers || [];
    if (peers.length === 0) {
      emptyRow(body, 'no site linked yet', 8);
    }
    for (const p of peers) {
      const row = document.createElement('tr');
      row.dataset.site = p.site;
      cell(row, p.site, 'site-name').style.color = REMOTE_COLOUR;
      cell(row, p.state, 'site-state ' + linkClass(p.state));
      cell(row, p.address || '–');
      // Sites report their own link estimate to the primary only.
      cell(row, p.oneWayDelayUs > 0 ? fixed(p.oneWayDelayUs / 1000, 2) : '–', 'num');
      cell(row, fixed(p.lastSeenMs, 0), 'num');
      cell(row, String(Number(p.lastFrame)), 'num');
      const op = p.operator;
      cell(row, op && op.activeCamera ? op.activeCamera + ' (overscan ' + fixed(op.overscanPct, 0) + ' %)' : '–', 'site-camera');
      const prefix = p.site + '/';
      const theirs = cameras.filter((c) => c.name.startsWith(prefix)).map((c) => c.name + (c.valid ? '' : ' (no data)'));
      cell(row, theirs.length ? theirs.join(', ') : '–', 'site-cameras').style.whiteSpace = 'normal';
      body.appendChild(row);
    }
  }

  // ---- operator controls -------------------------------------------------------------------------------------------
  // Linear 0..1 (common.proto ChromaKey) ↔ the colour input's sRGB hex (IEC 61966-2-1 transfer function).
  function toLinear(c) { return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); }
  function toSrgb(c) { return c <= 0.0031308 ? c * 12.92 : 1.055 * Math.pow(c, 1 / 2.4) - 0.055; }
  function hexOf(key) {
    const channel = (v) => Math.round(255 * toSrgb(Math.min(1, Math.max(0, v || 0)))).toString(16).padStart(2, '0');
    return '#' + channel(key.red) + channel(key.green) + channel(key.blue);
  }

  function showOperator(op, force) {
    const version = Number(op.version);
    if (!force && (state.formDirty || version === state.operatorVersion)) {
      return;
    }
    state.operatorVersion = version;
    $('op-camera').value = op.activeCamera;
    $('op-overscan').value = op.overscanPct;
    $('op-softedge').value = op.softEdge;
    $('op-delay').value = op.delayOffsetMs;
    $('op-freeze').checked = !!op.freeze;
    const key = op.chromaKey || {};
    $('op-chroma').checked = !!key.enabled;
    if (key.enabled || key.red || key.green || key.blue) {
      $('op-chroma-color').value = hexOf(key);
    }
    $('op-fields').disabled = state.readOnly;
  }

  // This token may look but not steer (a collaborator): the form goes back to following the live controls, read-only,
  // with the coordinator's refusal under it.
  function refuseOperator(message) {
    state.readOnly = true;
    state.formDirty = false;
    clearInvalid();
    if (state.status && state.status.operator) {
      showOperator(state.status.operator, true);
    }
    $('op-fields').disabled = true;
    showError(message);
  }

  function clearInvalid() {
    for (const el of document.querySelectorAll('#operator-form [aria-invalid]')) {
      el.removeAttribute('aria-invalid');
    }
  }

  const FIELD_INPUTS = {
    activeCamera: 'op-camera', overscanPct: 'op-overscan', softEdge: 'op-softedge', delayOffsetMs: 'op-delay',
    freeze: 'op-freeze', 'chromaKey.red': 'op-chroma-color', 'chromaKey.green': 'op-chroma-color',
    'chromaKey.blue': 'op-chroma-color', chromaKey: 'op-chroma-color',
  };

  function readNumber(id, field, errors) {
    const text = $(id).value.trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) {
      errors.push([field, field + ': "' + text + '" is not a number']);
      return undefined;
    }
    return value;
  }

  async function applyOperator(event) {
    event.preventDefault();
    clearInvalid();
    $('operator-error').textContent = '';
    const errors = [];
    const hex = $('op-chroma-color').value;
    const request = {
      activeCamera: $('op-camera').value,
      overscanPct: readNumber('op-overscan', 'overscanPct', errors),
      softEdge: readNumber('op-softedge', 'softEdge', errors),
      delayOffsetMs: readNumber('op-delay', 'delayOffsetMs', errors),
      freeze: $('op-freeze').checked,
      chromaKey: {
        enabled: $('op-chroma').checked,
        red: toLinear(parseInt(hex.slice(1, 3), 16) / 255),
        green: toLinear(parseInt(hex.slice(3, 5), 16) / 255),
        blue: toLinear(parseInt(hex.slice(5, 7), 16) / 255),
      },
    };
    if (errors.length > 0) {
      showError(errors[0][1], errors[0][0]);
      return;
    }
    try {
      const response = await api('/api/operator', {
        inlineRefusal: true,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      });
      const body = await response.json();
      if (!response.ok) {
        showError(body.error || ('refused: HTTP ' + response.status), body.field);
        return;
      }
      state.formDirty = false;
      showOperator(body, true);
      $('operator-result').textContent = 'applied from frame ' + Number(body.appliesFromFrame) + ' (version ' + Number(body.version) + ')';
    } catch (e) {
      if (e instanceof AccessRefused && e.status === 403) {
        refuseOperator(e.message);
        return;
      }
      showError('could not reach the coordinator: ' + e.message);
    }
  }

  function showError(message, field) {
    $('operator-error').textContent = message;
    $('operator-result').textContent = '';
    const input = field && FIELD_INPUTS[field] ? $(FIELD_INPUTS[field]) : null;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
    }
  }

  // ---- panel previews ----------------------------------------------------------------------------------------------
  const previews = new Map(); // panel id → { img, frame, etag, url, visible }

  function buildPreviews(panels) {
    const grid = $('previews');
    grid.textContent = '';
    previews.clear();
    const observer = 'IntersectionObserver' in window
      ? new IntersectionObserver((entries) => {
        for (const entry of entries) {
          const p = previews.get(entry.target.dataset.panel);
          if (p) {
            p.visible = entry.isIntersecting;
          }
        }
      }, { rootMargin: '200px' })
      : null;
    for (const panel of panels) {
      const figure = document.createElement('figure');
      figure.dataset.panel = panel.id;
      const img = document.createElement('img');
      img.alt = 'preview of panel ' + panel.id;
      img.className = 'preview';
      img.dataset.panel = panel.id;
      img.dataset.frame = '';
      const caption = document.createElement('figcaption');
      const id = document.createElement('span');
      id.textContent = panel.id;
      const node = document.createElement('span');
      node.textContent = panel.node || 'undriven';
      node.style.color = state.nodeColour.get(panel.node) || '';
      caption.appendChild(id);
      caption.appendChild(node);
      // Until the node sends this panel's first preview: a placeholder, not a broken image.
      const waiting = document.createElement('div');
      waiting.className = 'waiting';
      waiting.textContent = 'no frame yet';
      figure.appendChild(img);
      figure.appendChild(waiting);
      figure.appendChild(caption);
      grid.appendChild(figure);
      previews.set(panel.id, { img, etag: null, url: null, visible: observer === null });
      if (observer) {
        observer.observe(figure);
      }
    }
  }

  async function refreshPreviews() {
    for (const [id, p] of previews) {
      if (!p.visible || document.hidden) {
        continue;
      }
      try {
        const headers = p.etag ? { 'If-None-Match': p.etag } : {};
        const response = await api('/api/previews/' + encodeURIComponent(id) + '.png', { headers });
        if (response.status !== 200) {
          continue;
        }
        const blob = await response.blob();
        const url = URL.createObjectURL(blob);
        if (p.url) {
          URL.revokeObjectURL(p.url);
        }
        p.url = url;
        p.etag = response.headers.get('ETag');
        p.img.src = url;
        p.img.dataset.frame = response.headers.get('X-Frame') || '';
        p.img.dataset.etag = p.etag || '';
      } catch (e) {
        // Next round.
      }
    }
    setTimeout(refreshPreviews, PREVIEW_MS);
  }

  // ---- 3D view (canvas 2D) -----------------------------------------------------------------------------------------
  const canvas = $('stage-view');
  const ctx = canvas.getContext('2d');

  const sub = (a, b) => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
  const add = (a, b) => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
  const scale = (a, s) => [a[0] * s, a[1] * s, a[2] * s];
  const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  const cross = (a, b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
  const norm = (a) => scale(a, 1 / Math.hypot(a[0], a[1], a[2]));
  const v3 = (p) => [p.x || 0, p.y || 0, p.z || 0];

  // Rotates v by the unit quaternion q (w, x, y, z): v' = v + 2w(u×v) + 2u×(u×v), u = (x, y, z).
  function rotate(q, v) {
    const u = [q.x || 0, q.y || 0, q.z || 0];
    const w = q.w === undefined ? 1 : q.w;
    const t = scale(cross(u, v), 2);
    return add(add(v, scale(t, w)), cross(u, t));
  }

  // Frames the panels (and the tracked cameras, once they are known) until the user orbits or zooms.
  function fitView(panels, cameras = []) {
    if (panels.length === 0 || state.view.touched) {
      return;
    }
    const min = [Infinity, Infinity, Infinity];
    const max = [-Infinity, -Infinity, -Infinity];
    const points = [];
    for (const panel of panels) {
      points.push(v3(panel.pa), v3(panel.pb), v3(panel.pc), v3(panel.pd));
    }
    for (const camera of cameras) {
      points.push(v3(camera.position));
    }
    for (const p of points) {
      for (let i = 0; i < 3; i++) {
        min[i] = Math.min(min[i], p[i]);
        max[i] = Math.max(max[i], p[i]);
      }
    }
    state.view.target = scale(add(min, max), 0.5);
    state.view.distance = Math.max(3, 1.1 * Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]));
  }

  function viewBasis() {
    const v = state.view;
    const eye = add(v.target, scale([Math.sin(v.yaw) * Math.cos(v.pitch), Math.sin(v.pitch), Math.cos(v.yaw) * Math.cos(v.pitch)], v.distance));
    const forward = norm(sub(v.target, eye));
    const right = norm(cross(forward, [0, 1, 0]));
    const up = cross(right, forward);
    return { eye, forward, right, up };
  }

  function project(basis, p) {
    const d = sub(p, basis.eye);
    const z = dot(d, basis.forward);
    if (z < 0.05) {
      return null;
    }
    const f = canvas.height / (2 * Math.tan(25 * Math.PI / 180));
    return [canvas.width / 2 + f * dot(d, basis.right) / z, canvas.height / 2 - f * dot(d, basis.up) / z, z];
  }

  // Sutherland–Hodgman: the part of a convex polygon on the inner side of the plane through `origin` with normal `n`.
  function clipPolygon(points, origin, n) {
    const out = [];
    for (let i = 0; i < points.length; i++) {
      const a = points[i];
      const b = points[(i + 1) % points.length];
      const da = dot(sub(a, origin), n);
      const db = dot(sub(b, origin), n);
      if (da >= 0) {
        out.push(a);
      }
      if ((da >= 0) !== (db >= 0)) {
        out.push(add(a, scale(sub(b, a), da / (da - db))));
      }
    }
    return out;
  }

  function drawPolygon(basis, points, fill, stroke) {
    const projected = points.map((p) => project(basis, p));
    if (projected.some((p) => p === null)) {
      return;
    }
    ctx.beginPath();
    projected.forEach((p, i) => (i === 0 ? ctx.moveTo(p[0], p[1]) : ctx.lineTo(p[0], p[1])));
    ctx.closePath();
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fill();
    }
    if (stroke) {
      ctx.strokeStyle = stroke;
      ctx.stroke();
    }
  }

  function drawLine(basis, a, b, colour) {
    const pa = project(basis, a);
    const pb = project(basis, b);
    if (pa && pb) {
      ctx.strokeStyle = colour;
      ctx.beginPath();
      ctx.moveTo(pa[0], pa[1]);
      ctx.lineTo(pb[0], pb[1]);
      ctx.stroke();
    }
  }

  // Redrawn only when something changed (a status poll, an orbit or zoom, a resize): the page stays cheap when idle.
  let dirty = true;
  function invalidate() { dirty = true; }

  // For tests and scripts: the view's projection (stage metres → canvas pixels; null behind the eye), and what the last
  // redraw placed where (cameras and annotations, with their labels) and how many redraws there have been. The page
  // never reads it back.
  const viewHook = {
    project: (x, y, z) => {
      const p = project(viewBasis(), [x, y, z]);
      return p ? [p[0], p[1]] : null;
    },
    items: [],
    redraws: 0,
  };
  window.stageControlView = viewHook;

  function draw() {
    const rect = canvas.getBoundingClientRect();
    const width = Math.max(1, Math.round(rect.width));
    if (canvas.width !== width) {
      canvas.width = width;
      dirty = true;
    }
    if (!dirty) {
      requestAnimationFrame(draw);
      return;
    }
    dirty = false;
    ctx.font = '12px system-ui, sans-serif';
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const items = [];
    const stage = state.stage;
    if (stage) {
      const basis = viewBasis();
      // Floor grid (1 m) for orientation.
      ctx.lineWidth = 1;
      for (let i = -6; i <= 6; i++) {
        drawLine(basis, [i, 0, -6], [i, 0, 6], '#22262d');
        drawLine(basis, [-6, 0, i], [6, 0, i], '#22262d');
      }
      // Panels, far to near.
      const quads = stage.panels.map((panel) => {
        const corners = [v3(panel.pa), v3(panel.pb), v3(panel.pd), v3(panel.pc)];
        const centre = scale(corners.reduce(add), 0.25);
        return { panel, corners, depth: dot(sub(centre, basis.eye), basis.forward) };
      }).sort((a, b) => b.depth - a.depth);
      for (const q of quads) {
        const colour = state.nodeColour.get(q.panel.node) || '#555';
        drawPolygon(basis, q.corners, colour + '55', colour);
      }
      const status = state.status;
      const op = status && status.operator ? status.operator : {};
      for (const camera of (status && status.cameras) || []) {
        if (!camera.valid) {
          continue;
        }
        const kind = cameraKind(camera.name);
        const active = kind === 'tracked' && camera.name === op.activeCamera;
        const remoteVirtual = kind === 'remote' && camera.name.slice(camera.name.indexOf('/') + 1).startsWith(VIRTUAL_PREFIX);
        const style = {
          colour: kind === 'remote' ? REMOTE_COLOUR : kind === 'virtual' ? VIRTUAL_COLOUR : active ? ACTIVE_COLOUR : TRACKED_COLOUR,
          dash: kind === 'virtual' || remoteVirtual ? VIRTUAL_DASH : [],
        };
        const at = drawCamera(basis, camera, active, style, Number(op.overscanPct) || 0, stage.panels);
        if (at) {
          items.push({ kind, label: camera.name, x: at[0], y: at[1] });
        }
      }
      // Annotations last: markers and their labels stay on top of panels and frusta.
      for (const a of (status && status.annotations) || []) {
        const at = drawAnnotation(basis, a);
        if (at) {
          items.push({ kind: 'annotation', id: a.id, label: a.text + ' — ' + a.author, x: at[0], y: at[1] });
        }
      }
    }
    viewHook.items = items;
    viewHook.redraws++;
    requestAnimationFrame(draw);
  }

  // A pin: a dashed stem down to the floor (where it stands), a disc in the annotation's colour at its position, and
  // "text — author" beside it. Returns the disc's canvas position, or null when it is behind the eye.
  function drawAnnotation(basis, a) {
    const at = v3(a.position || {});
    const p = project(basis, at);
    if (!p) {
      return null;
    }
    const colour = annotationColour(a.color);
    const foot = project(basis, [at[0], 0, at[2]]);
    if (foot) {
      ctx.lineWidth = 1;
      ctx.setLineDash([2, 3]);
      ctx.strokeStyle = colour;
      ctx.beginPath();
      ctx.moveTo(p[0], p[1]);
      ctx.lineTo(foot[0], foot[1]);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.beginPath();
    ctx.arc(p[0], p[1], 6, 0, 2 * Math.PI);
    ctx.fillStyle = colour;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#0d0f12';
    ctx.stroke();
    const label = a.text + ' — ' + a.author;
    ctx.lineWidth = 3;
    ctx.strokeText(label, p[0] + 10, p[1] - 8);
    ctx.fillStyle = '#e3e6ea';
    ctx.fillText(label, p[0] + 10, p[1] - 8);
    return p;
  }

  // Returns where the camera's label went (its eye on the canvas), or null when the eye is behind the view.
  function drawCamera(basis, camera, active, style, overscanPct, panels) {
    const eye = v3(camera.position);
    const q = camera.orientation || { w: 1 };
    const forward = rotate(q, [0, 0, -1]);
    const right = rotate(q, [1, 0, 0]);
    const up = rotate(q, [0, 1, 0]);
    const tx = Math.tan((camera.horizontalFovDeg || 40) * Math.PI / 360);
    const ty = Math.tan((camera.verticalFovDeg || 25) * Math.PI / 360);
    const colour = style.colour;
    // Gizmo: a 0.4 m frustum (dashed for a collaborator's virtual camera).
    const corner = (sx, sy, k) => add(eye, scale(add(forward, add(scale(right, sx * tx * k), scale(up, sy * ty * k))), 0.4));
    const rim = [corner(-1, -1, 1), corner(1, -1, 1), corner(1, 1, 1), corner(-1, 1, 1)];
    ctx.lineWidth = active ? 2 : 1;
    ctx.setLineDash(style.dash);
    for (const c of rim) {
      drawLine(basis, eye, c, colour);
    }
    drawPolygon(basis, rim, null, colour);
    ctx.setLineDash([]);
    const label = project(basis, eye);
    if (label) {
      ctx.fillStyle = colour;
      ctx.fillText(camera.name, label[0] + 6, label[1] - 6);
    }
    if (!active) {
      return label;
    }
    // Inner-frustum footprint: every panel clipped to the frustum with overscan (each side widened by overscan % of the
    // frustum: tangents × (1 + 2·pct/100), as the renderer's Overscan.Uniform) and to the camera's front.
    const k = 1 + 2 * overscanPct / 100;
    const rays = [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([sx, sy]) => add(forward, add(scale(right, sx * tx * k), scale(up, sy * ty * k))));
    const planes = [forward];
    for (let i = 0; i < 4; i++) {
      const n = cross(rays[i], rays[(i + 1) % 4]);
      planes.push(dot(n, forward) < 0 ? scale(n, -1) : n);
    }
    ctx.lineWidth = 2;
    for (const panel of panels) {
      let polygon = [v3(panel.pa), v3(panel.pb), v3(panel.pd), v3(panel.pc)];
      for (const n of planes) {
        polygon = clipPolygon(polygon, eye, n);
        if (polygon.length < 3) {
          break;
        }
      }
      if (polygon.length >= 3) {
        drawPolygon(basis, polygon, 'rgba(255, 239, 90, 0.35)', '#ffef5a');
      }
    }
    return label;
  }

  function initOrbit() {
    let drag = null;
    canvas.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY };
      state.view.touched = true;
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!drag) {
        return;
      }
      invalidate();
      state.view.yaw -= (e.clientX - drag.x) * 0.008;
      state.view.pitch = Math.max(-1.4, Math.min(1.4, state.view.pitch + (e.clientY - drag.y) * 0.008));
      drag = { x: e.clientX, y: e.clientY };
    });
    canvas.addEventListener('pointerup', () => { drag = null; });
    canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      state.view.touched = true;
      invalidate();
      state.view.distance = Math.max(1, Math.min(200, state.view.distance * Math.exp(e.deltaY * 0.001)));
    }, { passive: false });
  }

  // ---- start -------------------------------------------------------------------------------------------------------
  let started = false;
  async function start() {
    try {
      await loadStage();
    } catch (e) {
      $('connection').textContent = 'cannot load the stage: ' + e.message;
      $('connection').className = 'bad';
      return;
    }
    if (!started) {
      started = true;
      pollStatus();
      refreshPreviews();
      requestAnimationFrame(draw);
    }
  }

  initToken();
  initOrbit();
  for (const input of document.querySelectorAll('#operator-form input, #operator-form select')) {
    input.addEventListener('input', () => { state.formDirty = true; });
  }
  $('operator-form').addEventListener('submit', applyOperator);
  start();
})();
