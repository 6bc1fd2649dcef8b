// The mpire4j dashboard page. Every value from the server is user data: it is put into the page
// with textContent or as a property, never as markup.
'use strict';
(() => {
  const token = new URLSearchParams(location.search).get('token') || '';
  const auth = 'token=' + encodeURIComponent(token);
  const body = document.querySelector('#calls tbody');
  const status = document.getElementById('status');
  const rows = new Map();       // id -> { tr, call, at }
  let selected = null;          // the id whose detail is shown
  let detailLoading = false;
  let detailAgain = false;
  let source = null;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function duration(ms) {
    if (ms === null || ms === undefined || !isFinite(ms)) return '–';
    if (ms < 1000) return Math.round(ms) + ' ms';
    if (ms < 10000) return (ms / 1000).toFixed(1) + ' s';
    let s = Math.round(ms / 1000);
    const h = Math.floor(s / 3600); s -= h * 3600;
    const m = Math.floor(s / 60); s -= m * 60;
    const two = (n) => String(n).padStart(2, '0');
    return h > 0 ? h + ':' + two(m) + ':' + two(s) : m + ':' + two(s);
  }

  function rate(r) {
    if (!r) return '–';
    return (r >= 100 ? Math.round(r).toLocaleString('en') : r.toFixed(1)) + '/s';
  }

  function setStatus(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  function newRow(call) {
    const tr = el('tr');
    tr.tabIndex = 0;
    tr.dataset.id = call.id;
    const labels = ['Call', 'State', 'Progress', 'Done', 'Rate', 'Elapsed', 'ETA', 'Workers'];
    const cells = {};
    for (const label of labels) {
      const td = el('td');
      td.dataset.label = label;
      tr.appendChild(td);
      cells[label] = td;
    }
    cells.Call.append(el('div', 'method'), el('div', 'description'));
    cells.State.appendChild(el('span', 'state'));
    cells.Progress.className = 'bar';
    cells.Progress.appendChild(el('progress'));
    cells.Done.className = 'done';
    cells.Rate.className = 'rate';
    cells.Elapsed.className = 'elapsed';
    cells.ETA.className = 'eta';
    cells.Workers.className = 'workers';
    tr.addEventListener('click', () => select(call.id));
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(call.id); } });
    return tr;
  }

  function fill(entry) {
    const { tr, call } = entry;
    tr.dataset.state = call.state;
    const method = tr.querySelector('.method');
    if (method.dataset.text !== call.method) { // "Class.<wbr>method": long names wrap at the dot
      const dot = call.method.lastIndexOf('.');
      method.replaceChildren(call.method.slice(0, dot + 1), el('wbr'), call.method.slice(dot + 1));
      method.dataset.text = call.method;
    }
    tr.querySelector('.description').textContent = call.description === call.method.split('.').pop() ? '' : call.description;
    const state = tr.querySelector('.state');
    state.textContent = call.state;
    state.className = 'state state-' + call.state;
    const bar = tr.querySelector('progress');
    if (call.total > 0) {
      bar.max = call.total;
      bar.value = call.done;
    } else if (call.state === 'running') {
      bar.removeAttribute('value'); // indeterminate: the total is unknown
    } else {
      bar.max = 1;
      bar.value = call.state === 'done' ? 1 : 0;
    }
    bar.setAttribute('aria-label', call.method + ' progress');
    tr.querySelector('.done').textContent = call.total >= 0
      ? call.done.toLocaleString('en') + ' / ' + call.total.toLocaleString('en')
      : call.done.toLocaleString('en');
    tr.querySelector('.rate').textContent = rate(call.rate);
    tr.querySelector('.eta').textContent = call.state === 'running' ? duration(call.etaMillis) : '–';
    tr.querySelector('.workers').textContent = call.workers + ' ' + call.workerKind;
    tick(entry, performance.now());
  }

  function tick(entry, now) {
    const running = entry.call.state === 'running';
    const ms = entry.call.elapsedMillis + (running ? now - entry.at : 0);
    entry.tr.querySelector('.elapsed').textContent = duration(ms);
  }

  function render(calls) {
    const now = performance.now();
    const seen = new Set();
    let previous = null;
    let selectedChanged = false;
    for (const call of calls) {
      seen.add(call.id);
      let entry = rows.get(call.id);
      if (!entry) {
        entry = { tr: newRow(call), call, at: now };
        rows.set(call.id, entry);
      }
      const changed = entry.call.done !== call.done || entry.call.state !== call.state;
      if (call.id === selected && changed) selectedChanged = true;
      entry.call = call;
      entry.at = now;
      fill(entry);
      const next = previous ? previous.nextSibling : body.firstChild;
      if (next !== entry.tr) body.insertBefore(entry.tr, next);
      previous = entry.tr;
    }
    for (const [id, entry] of rows) {
      if (!seen.has(id)) { entry.tr.remove(); rows.delete(id); }
    }
    document.getElementById('empty').hidden = calls.length > 0;
    for (const entry of rows.values()) entry.tr.classList.toggle('selected', entry.call.id === selected);
    if (selectedChanged) loadDetail();
  }

  function select(id) {
    selected = id;
    history.replaceState(null, '', '?' + auth + '#call-' + id);
    for (const entry of rows.values()) entry.tr.classList.toggle('selected', entry.call.id === id);
    loadDetail();
  }

  async function loadDetail() {
    if (selected === null) return;
    if (detailLoading) { detailAgain = true; return; }
    detailLoading = true;
    try {
      const response = await fetch('api/calls/' + encodeURIComponent(selected) + '?' + auth, { cache: 'no-store' });
      if (response.ok) renderDetail(await response.json());
    } catch (e) {
      // the stream's status shows connection problems
    } finally {
      detailLoading = false;
      if (detailAgain) { detailAgain = false; loadDetail(); }
    }
  }

  function cells(tr, values, classes) {
    values.forEach((v, i) => tr.appendChild(el('td', classes && classes[i], v)));
    return tr;
  }

  function renderDetail(call) {
    const section = document.getElementById('detail');
    const first = section.hidden || section.dataset.id !== String(call.id);
    section.hidden = false;
    section.dataset.id = call.id;
    section.dataset.state = call.state;
    document.getElementById('detail-title').textContent = call.method + ' — ' + call.state;
    const total = call.total >= 0 ? ' of ' + call.total : '';
    document.getElementById('detail-facts').textContent = 'call ' + call.id + ' on pool ' + call.poolId + ' ('
      + call.workers + ' ' + call.workerKind + '), "' + call.description + '": ' + call.done + total
      + ' tasks in ' + duration(call.elapsedMillis) + ', ' + rate(call.rate)
      + ', started ' + new Date(call.startedAt).toLocaleTimeString();

    const failure = document.getElementById('failure');
    failure.hidden = !call.failure;
    if (call.failure) {
      const f = call.failure;
      document.getElementById('failure-type').textContent = f.type;
      document.getElementById('failure-message').textContent = f.message;
      const args = document.querySelector('#failure-arguments tbody');
      args.replaceChildren(...f.arguments.map((a) => cells(el('tr'), [a.name, a.value], ['', 'value'])));
      document.getElementById('failure-arguments').hidden = f.arguments.length === 0;
      document.getElementById('failure-stack').textContent = f.stackTrace;
    }

    const insights = call.insights;
    document.getElementById('insights-none').hidden = insights.recorded;
    document.getElementById('insights').hidden = !insights.recorded;
    document.querySelector('#insights tbody').replaceChildren(...insights.workers.map((w) => cells(el('tr'), [
      w.workerId, w.tasks, duration(w.startUpMillis), duration(w.initMillis), duration(w.waitingMillis),
      duration(w.workingMillis), duration(w.exitMillis)])));
    document.getElementById('longest').hidden = insights.longestTasks.length === 0;
    document.querySelector('#longest tbody').replaceChildren(...insights.longestTasks.map((t) => cells(el('tr'), [
      duration(t.millis), t.workerId, t.arguments], ['', '', 'args'])));
    if (first && window.matchMedia('(max-width: 1099px)').matches) section.scrollIntoView({ block: 'start' });
  }

  function connect() {
    setStatus('connecting', 'connecting…');
    source = new EventSource('api/events?' + auth);
    source.addEventListener('open', () => setStatus('live', 'live'));
    source.addEventListener('calls', (e) => {
      setStatus('live', 'live');
      render(JSON.parse(e.data).calls);
    });
    source.addEventListener('error', () => {
      setStatus('reconnecting', 'reconnecting…');
      if (source.readyState === EventSource.CLOSED) { // the browser gave up: try again ourselves
        source.close();
        setTimeout(connect, 3000);
      }
    });
  }

  setInterval(() => {
    const now = performance.now();
    for (const entry of rows.values()) if (entry.call.state === 'running') tick(entry, now);
  }, 1000);

  const fromHash = /^#call-(\d+)$/.exec(location.hash);
  if (fromHash) select(Number(fromHash[1]));
  connect();
})();
