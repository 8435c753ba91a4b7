// The project page's "between versions" (#changes): for each version after the first, what changed
// since the version before (stored by the server's analysis job), the scope check against the
// requests that were open when it was uploaded, and a clearly marked list of changes nobody asked
// for; and the "let it go" meter as a small chart with its verdict. Refreshes on signoff:change.
// Everything a client wrote is inserted as text through el().
import { api, el, reloader, requireOwner } from './api.js';

const section = document.getElementById('changes');
const projectId = decodeURIComponent(location.pathname.split('/')[2] || '');
const SVG = 'http://www.w3.org/2000/svg';
const STATUS = { done: 'done', opposite: 'other way', not_found: 'not found', not_measurable: 'listen', not_understood: 'unclear' };

const stored = new Map();   // version id -> its comparison, fixed once stored
const unfolded = new Set(); // versions the engineer opened (or closed: see folded)
const folded = new Set();
let ui = null, project = null, meter = null;

document.addEventListener('signoff:change', () => { if (ui) refresh(); });
start();

async function start() {
  if (!section) return;
  await requireOwner();
  ui = {
    meter: el('div', { class: 'meter', id: 'let-it-go' }),
    list: el('ol', { class: 'changes-list', id: 'changes-list' }),
    empty: el('p', { class: 'muted' }, 'Upload a second version to see what changed between them, what was asked and what nobody asked for.'),
    error: el('p', { class: 'error', role: 'alert' }),
  };
  section.replaceChildren(el('h2', {}, 'Between versions'), ui.meter, ui.empty, ui.list, ui.error);
  await refresh();
}

const refresh = reloader(async () => {
  const next = await Promise.all([
    api('GET', `/api/projects/${encodeURIComponent(projectId)}`),
    api('GET', `/api/projects/${encodeURIComponent(projectId)}/history`)]);
  const later = laterVersions(next[0]);
  await Promise.all(later.map(v => (isOpen(v, later) ? load(v) : null)));
  ui.error.textContent = '';
  return [...next, [...stored.keys()]];
}, next => { [project, meter] = next; render(); }, e => { ui.error.textContent = e.message; });

/** Versions that have one before them to compare with (failed ones are skipped, as the server does). */
function laterVersions(p) {
  const live = p.versions.filter(v => v.status !== 'failed');
  return live.slice(1).map((v, i) => ({ ...v, previous: live[i].number }));
}

function isOpen(v, later) {
  if (folded.has(v.id)) return false;
  return unfolded.has(v.id) || v.id === later[later.length - 1].id;
}

async function load(v) {
  if (stored.has(v.id)) return;
  try {
    stored.set(v.id, await api('GET', `/api/versions/${encodeURIComponent(v.id)}/changes`));
  } catch (e) {
    if (e.status !== 404) throw e;   // not compared yet: the next change will bring it
  }
}

function render() {
  renderMeter();
  const later = laterVersions(project);
  ui.empty.hidden = later.length > 0;
  ui.list.replaceChildren(...later.slice().reverse().map(v => versionBlock(v, later)));
}

function versionBlock(v, later) {
  const latest = v.id === later[later.length - 1].id;
  const c = stored.get(v.id);
  const from = c && c.from_version_number != null ? c.from_version_number : v.previous;
  const block = el('details', { class: 'version-changes', 'data-number': v.number, open: isOpen(v, later) },
    el('summary', {}, `v${v.number}: changes since v${from}`, c ? summaryNote(c) : ''),
    c ? body(c, latest) : el('p', { class: 'muted' }, v.status === 'ready'
      ? 'Not compared: this version was analysed before the server compared versions.'
      : 'Comparing with the version before…'));
  block.addEventListener('toggle', async () => {
    if (block.open) { unfolded.add(v.id); folded.delete(v.id); } else { folded.add(v.id); unfolded.delete(v.id); }
    if (block.open && !stored.has(v.id)) {
      try { await load(v); render(); } catch (e) { ui.error.textContent = e.message; }
    }
  });
  return block;
}

function summaryNote(c) {
  if (c.error) return el('span', { class: 'muted' }, ' · not compared');
  const unasked = c.diff.scope ? c.diff.scope.unasked.length : 0;
  const n = c.diff.changes.length;
  return el('span', { class: unasked ? 'changes-flag' : 'muted' },
    ` · ${n ? `${n} change${n === 1 ? '' : 's'}` : 'no changes'}${unasked ? `, ${unasked} not asked for` : ''}`);
}

function body(c, latest) {
  if (c.error) return el('p', { class: 'muted' }, `These two versions could not be compared: ${c.error}`);
  const d = c.diff;
  const parts = [];
  parts.push(el('p', { class: 'muted changes-summary' },
    d.identical ? 'The same audio as the version before.'
      : d.changes.length === 0 ? 'Nothing changed beyond measurement noise.'
        : `Loudness ${num(d.old.loudness_lufs)} → ${num(d.new.loudness_lufs)} LUFS; largest change ${num(c.jnd, 1)} JND (1 = just noticeable).`));
  const asked = d.scope ? d.scope.asked : [];
  if (asked.length) {
    parts.push(el('h4', {}, 'What was asked'));
    parts.push(el('ul', { class: 'asked-list' }, ...asked.map(a => el('li', { class: 'asked-request', 'data-status': a.status },
      el('span', { class: `asked-status asked-${a.status}` }, STATUS[a.status] || a.status),
      el('q', { class: 'asked-text' }, a.text),
      el('span', { class: 'asked-message' }, a.message)))));
  } else {
    parts.push(el('p', { class: 'muted' }, 'No requests were open when this version was uploaded.'));
  }
  const unasked = d.scope ? d.scope.unasked.map(i => d.changes[i]) : d.changes;
  if (unasked.length) {
    parts.push(el('div', { class: 'unasked', ...(latest ? { id: 'scope-warning' } : {}), role: latest ? 'alert' : null },
      el('h4', {}, `Not asked for (${unasked.length})`),
      el('p', { class: 'muted' }, 'Nobody asked for these. Keep each one only if you want it.'),
      el('ul', {}, ...unasked.map(ch => el('li', { class: 'unasked-change', 'data-kind': ch.kind },
        el('span', { class: 'change-kind' }, ch.kind), ' ', ch.message, ch.audible ? '' : el('span', { class: 'muted' }, ' (below what listeners reliably hear)'))))));
  } else if (d.changes.length) {
    parts.push(el('p', { class: 'changes-ok' }, 'Every change was asked for.'));
  }
  return el('div', { class: 'changes-body' }, ...parts);
}

function renderMeter() {
  if (!meter || meter.versions.length === 0) { ui.meter.replaceChildren(); return; }
  const cls = meter.verdict === 'let_it_go' ? 'verdict-clear' : meter.verdict === 'fix_problems_first' ? 'verdict-problem' : 'verdict-moving';
  ui.meter.replaceChildren(
    el('h3', {}, 'Let it go?'),
    chart(meter.versions),
    el('p', { class: `meter-verdict ${cls}`, 'data-verdict': meter.verdict }, meter.message));
}

/** Bars of each version's step from the one before, in JNDs, with the 1 JND line. */
function chart(versions) {
  const W = 480, H = 150, left = 34, right = W - 8, top = 14, bottom = H - 22;
  const max = Math.ceil(Math.max(2, ...versions.map(v => v.jnd || 0)));
  const y = j => bottom - (Math.min(j, max) / max) * (bottom - top);
  const slot = (right - left) / versions.length;
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, class: 'meter-chart', role: 'img',
    'aria-label': 'Change from the version before, in just-noticeable differences' });
  svg.append(svgEl('line', { x1: left, x2: right, y1: bottom, y2: bottom, class: 'axis' }));
  for (let j = 0; j <= max; j += max > 6 ? 2 : 1)
    svg.append(svgText(String(j), { x: left - 6, y: y(j) + 4, class: 'tick', 'text-anchor': 'end' }));
  versions.forEach((v, i) => {
    const cx = left + slot * (i + 0.5), bw = Math.min(40, slot * 0.6);
    svg.append(svgText(`v${v.number}`, { x: cx, y: bottom + 15, class: 'tick', 'text-anchor': 'middle' }));
    if (v.jnd == null) {
      if (i > 0) svg.append(svgText(v.pending ? '…' : v.error ? '?' : '', { x: cx, y: bottom - 4, class: 'tick', 'text-anchor': 'middle' }));
      return;
    }
    const bar = svgEl('rect', { x: cx - bw / 2, y: y(v.jnd), width: bw, height: Math.max(1, bottom - y(v.jnd)),
      class: v.jnd >= 1 ? 'bar audible' : 'bar polish', 'data-number': v.number });
    bar.append(svgEl('title', {}, v.largest ? v.largest.message : 'no change'));
    svg.append(bar, svgText(v.jnd.toFixed(1), { x: cx, y: y(v.jnd) - 3, class: 'value', 'text-anchor': 'middle' }));
  });
  svg.append(svgEl('line', { x1: left, x2: right, y1: y(1), y2: y(1), class: 'jnd-line' }),
    svgText('1 JND: just noticeable', { x: left + 4, y: y(1) - 4, class: 'tick', 'text-anchor': 'start' }));
  return svg;
}

function svgEl(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function svgText(text, attrs) { return svgEl('text', attrs, document.createTextNode(text)); }

function num(x, digits = 1) { return x == null ? '–' : x.toFixed(digits); }
