// The owner's project page, a version's session (issue 14): the recall sheet of the DAW session the
// version was bounced from (tracks, plugin chains, tempo, markers, the findings the session file
// alone tells), the version's sections named by the session's markers, and attaching a session file.
// Folded by default; loaded when unfolded. Everything the session names is shown as text, never HTML.
import { api, clock, el } from '/assets/api.js';

const openSheets = new Set();   // versions whose recall sheet is unfolded, kept across redraws
const sheets = new Map();       // version id -> its sheet, until a new session is attached

const DAW = { reaper: 'REAPER', dawproject: 'DAWproject', ardour: 'Ardour' };

export function isSessionFile(file) {
  return /\.(rpp|dawproject|ardour)$/i.test(file.name);
}

/**
 * The session that goes with `bounce`, as `signoff watch` picks it: the one whose name without its
 * extension begins the bounce's (the longest), else the most recently modified.
 */
export function sessionFor(bounce, sessions) {
  const stem = name => name.toLowerCase().replace(/\.[^.]*$/, '');
  const named = sessions.filter(s => stem(s.name) && stem(bounce.name).startsWith(stem(s.name)))
    .sort((a, b) => stem(b.name).length - stem(a.name).length);
  if (named.length) return named[0];
  return [...sessions].sort((a, b) => b.lastModified - a.lastModified)[0] || null;
}

export async function attachSession(v, file) {
  const sheet = await api('PUT', `/api/versions/${encodeURIComponent(v.id)}/session?name=${encodeURIComponent(file.name)}`, file);
  sheets.set(v.id, sheet);
  return sheet;
}

export function recallPanel(v) {
  const body = el('div', { class: 'recall-body' });
  const panel = el('details', { class: 'version-recall', open: openSheets.has(v.id) },
    el('summary', {}, 'Session and recall sheet'), body);
  const fill = async () => {
    try {
      if (!sheets.has(v.id)) {
        sheets.set(v.id, await api('GET', `/api/versions/${encodeURIComponent(v.id)}/session`).catch(e => {
          if (e.status === 404) return null;
          throw e;
        }));
      }
      const sheet = sheets.get(v.id);
      body.replaceChildren(...(sheet ? sheetParts(sheet) : [el('p', { class: 'muted' }, 'No session attached to this version.')]), attachForm(v, fill));
    } catch (e) {
      body.replaceChildren(el('p', { class: 'error' }, e.message));
    }
  };
  panel.addEventListener('toggle', () => {
    if (panel.open) { openSheets.add(v.id); fill(); } else openSheets.delete(v.id);
  });
  if (panel.open) fill();
  return panel;
}

function sheetParts(s) {
  const facts = [DAW[s.daw] || s.daw, s.sample_rate ? `${s.sample_rate / 1000} kHz` : 'no session rate recorded',
    s.tempo_bpm ? `${s.tempo_bpm} BPM` : null, `${s.tracks.length} tracks`].filter(Boolean).join(' · ');
  const parts = [el('p', { class: 'recall-facts' }, el('strong', { class: 'recall-file' }, s.file), ' ', el('span', { class: 'muted' }, facts))];
  if (s.sections.length) {
    parts.push(el('h4', {}, 'Sections'), el('ol', { class: 'recall-sections' }, s.sections.map(x =>
      el('li', { class: x.from_marker ? 'from-marker' : 'built-in' }, el('span', { class: 'section-name' }, x.name), ' ',
        el('span', { class: 'muted' }, `${clock(x.start_s)}–${clock(x.end_s)}${x.from_marker ? '' : ' (no marker within 2 s)'}`)))));
  }
  parts.push(el('h4', {}, 'Markers'), s.markers.length
    ? el('ol', { class: 'recall-markers' }, s.markers.map(m => el('li', {}, el('span', { class: 'marker-name' }, m.name), ' ', el('span', { class: 'muted' }, clock(m.time_s)))))
    : el('p', { class: 'muted' }, 'The session has no markers.'));
  parts.push(el('h4', {}, 'Tracks and plugin chains'), el('ol', { class: 'recall-tracks' }, s.tracks.map(t =>
    el('li', { class: `recall-track kind-${t.kind}` },
      el('span', { class: 'track-name' }, t.name || '(unnamed)'), ' ',
      el('span', { class: 'muted' }, [t.kind, t.muted ? 'muted' : null, `${t.items} item${t.items === 1 ? '' : 's'}`].filter(Boolean).join(' · ')),
      t.plugins.length ? el('ol', { class: 'recall-plugins' }, t.plugins.map(p =>
        el('li', { class: `plugin${p.offline ? ' offline' : ''}${p.bypassed ? ' bypassed' : ''}` },
          el('span', { class: 'plugin-name' }, p.name), p.vendor ? ` (${p.vendor})` : '', p.format ? ` [${p.format}]` : '',
          p.offline ? el('span', { class: 'pill' }, 'offline') : null, p.bypassed ? el('span', { class: 'pill' }, 'bypassed') : null))) : null))));
  parts.push(el('h4', {}, 'What the session file tells'), el('p', { class: 'muted' },
    'Media files are not uploaded: whether they are missing or outside the session folder is for `signoff session` on the engineer\'s machine.'),
    el('ol', { class: 'finding-list' }, s.findings.length ? s.findings.map(f => el('li', { class: `finding severity-${f.severity}` },
      el('span', { class: 'pill' }, f.severity), ' ', el('code', {}, f.code), ' ', f.track ? el('span', { class: 'muted' }, f.track) : null,
      el('div', {}, f.message), el('div', { class: 'muted hint' }, f.hint))) : [el('li', { class: 'muted' }, 'Nothing to report.')]));
  return parts;
}

function attachForm(v, refill) {
  const input = el('input', { type: 'file', class: 'recall-input', accept: '.rpp,.dawproject,.ardour', 'aria-label': `Session file for v${v.number}` });
  const message = el('p', { class: 'recall-message muted', role: 'status' });
  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (!file) return;
    message.className = 'recall-message muted';
    message.textContent = `Reading ${file.name}…`;
    try {
      await attachSession(v, file);
      await refill();
    } catch (e) {
      message.className = 'recall-message error';
      message.textContent = e.message;
    }
  });
  return el('div', { class: 'recall-attach' },
    el('label', {}, 'Attach the session file (REAPER .rpp, .dawproject, Ardour .ardour): ', input), message);
}
