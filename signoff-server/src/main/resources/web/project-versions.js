// The owner's project page, versions section: upload by drag and drop or file picker (resumable,
// in chunks, carrying on after network errors), the version list with each version's analysis,
// and a player with the waveform. Live: follows the project's event stream.
import { api, clock, el, requireOwner } from '/assets/api.js';
import { Player } from '/assets/player.js';
import { attachSession, isSessionFile, sessionFor, recallPanel } from '/assets/project-recall.js';

const CHUNK = 8 << 20;
const projectId = decodeURIComponent(location.pathname.split('/')[2] || '');
const section = document.getElementById('versions');
let csrf = null;
const openFindings = new Set();   // versions whose findings are unfolded, kept across redraws
const reports = new Map();        // version id -> its check report (fixed once the version is ready)

function fmt(x, digits, unit) { return x == null ? '–' : `${x.toFixed(digits)} ${unit}`; }

function statusText(v) {
  if (v.status === 'ready') {
    const parts = [`${v.problems} problem${v.problems === 1 ? '' : 's'}`, `${v.warnings} warning${v.warnings === 1 ? '' : 's'}`, `${v.notes} note${v.notes === 1 ? '' : 's'}`];
    return parts.join(', ');
  }
  if (v.status === 'failed') return `analysis failed: ${v.error || 'unknown error'}`;
  const state = v.status === 'queued' ? 'waiting for analysis' : 'analysing…';
  return v.analysis_note ? `${state} (${v.analysis_note})` : state;
}

function versionItem(v, project) {
  const remove = el('button', { type: 'button', class: 'secondary small remove', 'aria-label': `Remove v${v.number}` }, 'Remove');
  remove.addEventListener('click', async () => {
    if (!confirm(`Remove v${v.number} (${v.file_name})? Its number is not used again.`)) return;
    try { await api('DELETE', `/api/versions/${v.id}`); } catch (e) { alert(e.message); }
  });
  const again = el('button', { type: 'button', class: 'secondary small analyse-again', 'aria-label': `Analyse v${v.number} again` }, 'Analyse again');
  again.addEventListener('click', async () => {
    again.disabled = true;
    try { await api('POST', `/api/versions/${v.id}/analyse`); } catch (e) { alert(e.message); again.disabled = false; }
  });
  const final = project.final_version_id === v.id;
  return el('li', { class: `version status-${v.status}`, 'data-number': String(v.number), 'data-id': v.id },
    el('div', { class: 'version-head' },
      el('strong', { class: 'version-number' }, `v${v.number}`),
      v.label ? el('span', { class: 'version-label' }, v.label) : null,
      el('span', { class: 'pill' }, v.status),
      final ? el('span', { class: 'pill final' }, 'final') : null,
      v.locked ? el('span', { class: 'pill' }, 'locked') : null),
    el('div', { class: 'version-facts muted' },
      el('span', {}, v.file_name),
      el('span', { class: 'lufs' }, fmt(v.integrated_lufs, 1, 'LUFS')),
      el('span', { class: 'true-peak' }, fmt(v.true_peak_dbtp, 1, 'dBTP')),
      el('span', { class: 'findings' }, statusText(v))),
    v.status === 'failed' ? again : null,
    // Share links without downloads stream only the preview: say plainly when there is none.
    v.preview_error ? el('p', { class: 'preview-error error' }, `No listening preview: ${v.preview_error}. Links without downloads cannot play this version.`) : null,
    // The preview follows 'ready' (its encoding costs more than the analysis): share links wait for it.
    v.waveform && !v.preview && !v.preview_error
      ? el('p', { class: 'preview-pending muted' }, 'Making the listening preview: share links list this version once it is made, in a few seconds.') : null,
    v.locked ? null : remove,
    v.status === 'ready' ? findingsPanel(v) : null,
    recallPanel(v));
}

/** The version's findings, as `signoff check` reports them, unfolded on demand. */
function findingsPanel(v) {
  const list = el('ol', { class: 'finding-list' });
  const panel = el('details', { class: 'version-findings', open: openFindings.has(v.id) },
    el('summary', {}, 'What the check found'), list);
  const fill = async () => {
    try {
      if (!reports.has(v.id)) reports.set(v.id, await api('GET', `/api/versions/${encodeURIComponent(v.id)}/report`));
      const findings = reports.get(v.id).findings;
      list.replaceChildren(...(findings.length ? findings.map(findingItem)
        : [el('li', { class: 'muted' }, 'Nothing to report: no clipping, overs, noise, balance or tonal issues found.')]));
    } catch (e) {
      list.replaceChildren(el('li', { class: 'error' }, e.message));
    }
  };
  panel.addEventListener('toggle', () => {
    if (panel.open) { openFindings.add(v.id); fill(); } else openFindings.delete(v.id);
  });
  if (panel.open) fill();
  return panel;
}

function findingItem(f) {
  const when = f.start_s == null ? 'whole mix' : f.end_s != null && f.end_s - f.start_s >= 1 ? `${clock(f.start_s)}-${clock(f.end_s)}` : clock(f.start_s);
  return el('li', { class: `finding severity-${f.severity}` },
    el('span', { class: 'pill' }, f.severity), ' ', el('code', {}, f.code), ' ', el('span', { class: 'muted' }, when),
    el('div', {}, f.message),
    f.hint ? el('div', { class: 'muted hint' }, f.hint) : null);
}

/** Sends `file` as a resumable upload; retries with growing pauses after network errors. */
async function uploadFile(file, label, progress) {
  const key = `signoff-upload:${projectId}:${file.name}:${file.size}:${file.lastModified}`;
  let upload = null;
  const saved = localStorage.getItem(key);
  if (saved) upload = await api('GET', `/api/uploads/${saved}`).catch(() => null);
  if (!upload || upload.version) upload = await api('POST', `/api/projects/${projectId}/uploads`, { file_name: file.name, size_bytes: file.size, label });
  localStorage.setItem(key, upload.id);
  let offset = upload.received_bytes, pause = 1000;
  progress(offset / file.size);
  while (true) {
    const end = Math.min(file.size, offset + CHUNK);
    try {
      const r = await fetch(`/api/uploads/${upload.id}`, {
        method: 'PUT', credentials: 'same-origin', body: file.slice(offset, end),
        headers: { 'Content-Range': `bytes ${offset}-${end - 1}/${file.size}`, 'X-Signoff-CSRF': csrf },
      });
      const body = await r.json();
      if (r.status === 409 && body.received_bytes != null) { offset = body.received_bytes; continue; }
      if (!r.ok) { localStorage.removeItem(key); throw Object.assign(new Error(body.error || r.statusText), { final: true }); }
      offset = body.received_bytes;
      progress(offset / file.size);
      pause = 1000;
      if (body.complete) { localStorage.removeItem(key); return body.version; }
    } catch (e) {
      if (e.final) throw e;
      progress(offset / file.size, `Connection lost; trying again in ${pause / 1000} s…`);
      await new Promise(res => setTimeout(res, pause));
      pause = Math.min(pause * 2, 30000);
      const status = await api('GET', `/api/uploads/${upload.id}`).catch(() => null);
      if (status) offset = status.received_bytes;
    }
  }
}

async function main() {
  const session = await requireOwner();
  csrf = session.csrf;
  let project = await api('GET', `/api/projects/${projectId}`);
  document.getElementById('project-title').textContent = project.name + (project.artist ? ` · ${project.artist}` : '');
  document.title = `${project.name} - Signoff`;

  const input = el('input', { id: 'upload-input', type: 'file', multiple: true, accept: 'audio/*,.wav,.flac,.aif,.aiff,.mp3,.ogg,.m4a,.rpp,.dawproject,.ardour' });
  const label = el('input', { id: 'upload-label', type: 'text', maxlength: '200', placeholder: 'e.g. vocal up 1 dB' });
  const bar = el('progress', { class: 'upload-progress', max: '1', value: '0', hidden: true });
  const message = el('p', { class: 'upload-message muted', role: 'status' });
  const zone = el('label', { class: 'drop-zone', for: 'upload-input' },
    el('strong', {}, 'Drop a bounce here'), el('span', { class: 'muted' }, ' or tap to choose a file (WAV, FLAC, AIFF, MP3…), with its DAW session (.rpp, .dawproject, .ardour) if you like'), input);
  const list = el('ol', { id: 'version-list', reversed: true });
  const notice = el('p', { id: 'approval-notice', class: 'notice', role: 'status' });
  const playerRoot = el('div', { class: 'owner-player' });
  section.replaceChildren(el('h2', {}, 'Versions'), playerRoot,
    el('label', { for: 'upload-label' }, 'Label for the next version (optional)'), label, zone, bar, message, notice, list);

  async function send(dropped) {
    // a session file dropped with bounces goes up with the bounce it belongs to
    const sessions = dropped.filter(isSessionFile), files = dropped.filter(f => !isSessionFile(f));
    if (!files.length && sessions.length) {
      message.className = 'upload-message error';
      message.textContent = 'Drop a session file together with its bounce, or attach it under a version.';
      input.value = '';
      return;
    }
    for (const file of files) {
      bar.hidden = false;
      message.className = 'upload-message muted';
      try {
        const v = await uploadFile(file, label.value.trim(), (f, note) => {
          bar.value = f;
          message.textContent = note || `Uploading ${file.name}: ${Math.floor(f * 100)} %`;
        });
        message.textContent = `${file.name} is v${v.number}; analysing it now.${v.approval_notice ? ` ${v.approval_notice}.` : ''}`;
        const session = sessionFor(file, sessions);
        if (session) {
          try {
            await attachSession(v, session);
            message.textContent += ` Its session ${session.name} is attached.`;
          } catch (e) {
            message.textContent += ` Its session was not attached: ${e.message}`;
          }
        }
        label.value = '';
        await refresh();
      } catch (e) {
        message.className = 'upload-message error';
        message.textContent = e.message;
      } finally {
        bar.hidden = true;
        input.value = '';
      }
    }
  }
  input.addEventListener('change', () => send([...input.files]));
  for (const type of ['dragenter', 'dragover']) zone.addEventListener(type, e => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', e => { e.preventDefault(); zone.classList.remove('over'); send([...e.dataTransfer.files]); });

  const player = new Player(playerRoot, {
    audio: id => `/api/versions/${encodeURIComponent(id)}/audio`,
    waveform: (id, zoom) => `/api/versions/${encodeURIComponent(id)}/waveform?zoom=${zoom}&format=dat`,
  });
  const playable = () => project.versions.filter(v => v.waveform);
  function render() {
    list.replaceChildren(...[...project.versions].reverse().map(v => versionItem(v, project)));
    notice.textContent = project.approval_notice ? `${project.approval_notice}.` : '';
    notice.hidden = !project.approval_notice;
    playerRoot.hidden = playable().length === 0;
  }
  async function refresh() {
    project = await api('GET', `/api/projects/${projectId}`);
    render();
    return playable();
  }
  render();
  await player.setVersions(playable(), project.final_version_id);
  player.follow(`/api/projects/${encodeURIComponent(projectId)}/events`, refresh);
  document.dispatchEvent(new CustomEvent('signoff:player', { detail: { player, waveform: player.waveform } }));
}

main().catch(e => section.append(el('p', { class: 'error' }, e.message)));
