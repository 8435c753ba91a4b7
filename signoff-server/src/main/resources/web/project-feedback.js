// The project page's feedback (#feedback): revision items grouped by round, each with its status
// and a reply box; rounds agreed and used; the call suggestion for long lists; bands still comparing
// notes; conflicting requests of a round side by side; sign-off with the approval history and
// reopen. Refreshes on signoff:change (the page's live
// updates) and keeps replies being typed. Everything a client wrote is inserted as text through el().
import { api, clock, el, reloader, requireOwner } from './api.js';

const section = document.getElementById('feedback');
const projectId = decodeURIComponent(location.pathname.split('/')[2] || '');
const STATUSES = [['open', 'Open'], ['done', 'Done'], ['declined', 'Declined']];

let revisions = null, history = null, conflicts = null;
let player = null;                 // the page's player, when project-versions.js offers one
const drafts = new Map();          // item id -> reply being typed, kept across refreshes
const justSaved = new Set();       // items whose reply was saved a moment ago
let ui = null;

document.addEventListener('signoff:player', e => { player = e.detail.player; render(); });
document.addEventListener('signoff:change', () => { if (ui) refresh(); });
start();

async function start() {
  await requireOwner();
  build();
  await refresh();
}

function build() {
  ui = {};
  ui.rounds = el('p', { class: 'fb-rounds', id: 'rounds-used' });
  ui.final = el('div', { class: 'fb-final', hidden: true });
  ui.collating = el('ul', { class: 'fb-collating', hidden: true });
  ui.list = el('ol', { id: 'revision-list', class: 'fb-rounds-list' });
  ui.empty = el('p', { class: 'muted fb-empty', hidden: true },
    'No feedback yet. Comments from person links arrive here as they are written; a band’s notes arrive together when they send them.');
  ui.history = el('ul', { class: 'fb-history' });
  ui.approvals = el('section', { class: 'fb-approvals', hidden: true }, el('h3', {}, 'Approvals'), ui.history);
  ui.error = el('p', { class: 'error', role: 'alert' });
  section.replaceChildren(el('h2', {}, 'Feedback'), ui.rounds, ui.final, ui.collating, ui.list, ui.empty, ui.approvals, ui.error);
}

// Live updates come for any change to the project (a new version, a link); redraw only when the feedback changed.
const refresh = reloader(async () => {
  const next = await Promise.all([
    api('GET', `/api/projects/${encodeURIComponent(projectId)}/revisions`),
    api('GET', `/api/projects/${encodeURIComponent(projectId)}/approvals`),
    api('GET', `/api/projects/${encodeURIComponent(projectId)}/conflicts`)]);
  ui.error.textContent = '';
  return next;
}, next => { [revisions, history, conflicts] = next; render(); }, e => { ui.error.textContent = e.message; });

function render() {
  if (!ui || !revisions) return;
  const focus = rememberFocus();
  renderRoundsUsed();
  renderFinal();
  renderCollating();
  const items = new Map(revisions.rounds.flatMap(r => r.items.map(i => [i.id, { item: i, round: r }])));
  ui.list.replaceChildren(...revisions.rounds.map(r => roundBlock(r, items)));
  ui.empty.hidden = revisions.rounds.length > 0 || revisions.collating.length > 0;
  renderHistory();
  focus();
}

function renderRoundsUsed() {
  const { rounds_used: used, rounds_agreed: agreed } = revisions;
  const open = revisions.rounds.reduce((n, r) => n + r.open, 0);
  const openText = open ? ` · ${open} item${open === 1 ? '' : 's'} open` : '';
  ui.rounds.classList.toggle('warn', used > agreed);
  if (used > agreed) ui.rounds.textContent = `Revision rounds: ${used} used, ${used - agreed} more than the ${agreed} agreed${openText}`;
  else ui.rounds.textContent = `Revision rounds: ${used} of ${agreed} used${used === agreed && agreed > 0 ? ' (all the agreed rounds)' : ''}${openText}`;
}

function renderFinal() {
  const standing = history.approvals.find(a => a.reopened_at == null && a.version_id === history.final_version_id);
  ui.final.hidden = !standing;
  if (!standing) return;
  const by = standing.link_label && standing.link_label !== standing.name ? `${standing.name} (${standing.link_label})` : standing.name;
  ui.final.replaceChildren(
    el('p', { class: 'fb-approved-line' }, el('span', { class: 'fb-check', 'aria-hidden': 'true' }, '✓'),
      ` v${standing.version_number} is the final mix: approved by ${by} on ${when(standing.created_at)}. It is locked.`),
    ...(standing.note ? [el('blockquote', { class: 'fb-note' }, standing.note)] : []),
    el('button', { id: 'reopen', type: 'button', class: 'secondary', onclick: () => reopen(standing) }, 'Reopen for changes'));
}

function renderCollating() {
  ui.collating.hidden = revisions.collating.length === 0;
  ui.collating.replaceChildren(...revisions.collating.map(c => el('li', { class: 'muted' },
    `${c.link_label}: ${c.notes === 1 ? '1 note' : `${c.notes} notes`} being compared. They arrive here as one round when the band sends them.`)));
}

function roundBlock(r, items) {
  const who = r.link_label || 'Unknown link';
  const on = r.version_number != null ? ` · on v${r.version_number}` : '';
  const sentBy = r.audience === 'band' && r.sent_by ? `sent by ${r.sent_by}, ` : '';
  const counts = [r.open && `${r.open} open`, r.done && `${r.done} done`, r.declined && `${r.declined} declined`].filter(Boolean).join(', ');
  return el('li', { class: 'fb-round', 'data-round': r.number },
    el('h3', {}, `Round ${r.revision_round} · ${who}${on}`),
    el('p', { class: 'muted fb-round-meta' }, `${sentBy}${when(r.created_at)} · ${counts}`),
    r.suggest_call ? el('p', { class: 'fb-suggest' },
      `${who}'s list has ${r.items.length} items. A list this long is often quicker to talk through together, `
      + 'in a call or a studio visit, than to answer note by note.') : null,
    ...conflictBlocks(r),
    el('ul', { class: 'fb-items' }, ...r.items.map(i => itemBlock(i, items))));
}

/** Requests of the round that pull against each other, side by side, to settle before working. */
function conflictBlocks(r) {
  const found = conflicts && conflicts.rounds.find(c => c.round_id === r.id);
  if (!found) return [];
  return found.conflicts.map(k => el('div', { class: 'fb-conflict', 'data-dimension': k.dimension },
    el('strong', {}, 'Conflicting requests'),
    el('div', { class: 'fb-conflict-pair' },
      ...[k.first, k.second].map(side => el('div', { class: 'fb-conflict-side' },
        el('strong', {}, side.author || ''), side.start_s != null ? ` at ${clock(side.start_s)}` : '', ': ', side.body || ''))),
    el('p', { class: 'muted' }, k.message)));
}

function itemBlock(i, items) {
  const time = `v${i.version_number} · ${i.end_s != null ? `${clock(i.start_s)}–${clock(i.end_s)}` : clock(i.start_s)}`;
  const status = el('select', { class: 'item-status', 'aria-label': 'Status', onchange: e => update(i.id, { status: e.target.value }, e.target) },
    ...STATUSES.map(([value, label]) => el('option', { value, selected: i.status === value }, label)));
  const reply = el('textarea', { class: 'item-reply', rows: 2, maxlength: 2000, 'data-item': i.id, 'aria-label': 'Reply',
    placeholder: 'Reply (the client sees it on their page)' });
  reply.value = drafts.has(i.id) ? drafts.get(i.id) : i.reply;
  reply.addEventListener('input', () => drafts.set(i.id, reply.value));
  const saved = el('span', { class: 'muted fb-saved', 'aria-live': 'polite' }, justSaved.has(i.id) ? 'Reply saved' : '');
  const save = el('button', { type: 'button', class: 'secondary item-reply-save',
    onclick: () => update(i.id, { reply: reply.value.trim() }, save) }, 'Save reply');
  const same = i.same_moment.map(id => items.get(id)).filter(Boolean);
  return el('li', { class: 'revision-item', 'data-id': i.id, 'data-status': i.status },
    el('div', { class: 'fb-item-head' },
      player ? el('button', { type: 'button', class: 'fb-time', title: 'Play from here', onclick: () => playFrom(i) }, time)
        : el('span', { class: 'fb-time' }, time),
      el('strong', {}, i.author), el('span', { class: 'muted' }, when(i.created_at))),
    el('p', { class: 'fb-body' }, i.body),
    readingsOf(i),
    same.length ? el('div', { class: 'fb-same' },
      el('p', { class: 'muted' }, 'Also about this moment, from someone else:'),
      el('ul', {}, ...same.map(({ item, round }) => el('li', {},
        el('strong', {}, item.author), ` (round ${round.revision_round}, ${item.status}): `, item.body)))) : null,
    el('div', { class: 'row fb-item-controls' }, status, reply, save, saved));
}

// The comment's vocabulary words measured at its time ("muddy: 200-500 Hz is +2.1 dB here against
// the rest of the song"), for the engineer only; null while the server is still reading them. A
// reading backed by the version's own finding on that band is marked: the moment may not stand out
// against the rest of the song precisely because the whole mix has the problem.
function readingsOf(i) {
  if (!Array.isArray(i.readings) || i.readings.length === 0) return null;
  return el('ul', { class: 'fb-readings muted', 'aria-label': 'Measured at this time' },
    ...i.readings.map(r => {
      const found = r.picture && r.picture.findings.length > 0;
      const title = [r.meaning, r.picture && r.picture.sentence].filter(Boolean).join('\n');
      return el('li', { class: found ? 'fb-reading fb-reading-found' : 'fb-reading', title }, r.message);
    }));
}

async function update(itemId, change, control) {
  control.disabled = true;
  try {
    await api('PUT', `/api/revisions/${encodeURIComponent(itemId)}`, change);
    ui.error.textContent = '';
    if ('reply' in change) {
      drafts.delete(itemId);
      justSaved.add(itemId);
      setTimeout(() => {
        justSaved.delete(itemId);
        const note = section.querySelector(`li.revision-item[data-id="${CSS.escape(itemId)}"] .fb-saved`);
        if (note) note.textContent = '';
      }, 4000);
    }
    await refresh();
  } catch (e) {
    ui.error.textContent = e.message;
  } finally {
    control.disabled = false;
  }
}

async function reopen(standing) {
  if (!confirm(`Reopen the project? v${standing.version_number} is unlocked and clients can comment again; `
    + 'this approval stays in the history.')) return;
  try {
    await api('POST', `/api/projects/${encodeURIComponent(projectId)}/reopen`);
    await refresh();
  } catch (e) {
    ui.error.textContent = e.message;
  }
}

function renderHistory() {
  ui.approvals.hidden = history.approvals.length === 0;
  ui.history.replaceChildren(...history.approvals.map(a => el('li', { class: a.reopened_at != null ? 'muted' : '' },
    `${a.name} approved v${a.version_number} on ${when(a.created_at)}`,
    a.link_label && a.link_label !== a.name ? ` (through the link for ${a.link_label})` : '',
    a.note ? el('span', {}, ': “', a.note, '”') : '',
    a.reopened_at != null ? ` · reopened ${when(a.reopened_at)}` : '')));
}

async function playFrom(i) {
  if (player.version && player.version.id !== i.version_id) await player.switchTo(i.version_id);
  player.seek(i.start_s);
}

// A refresh rebuilds the items; put the cursor back where the engineer was typing.
function rememberFocus() {
  const active = document.activeElement;
  if (!active || !section.contains(active) || !active.dataset.item) return () => {};
  const { selectionStart, selectionEnd } = active;
  const id = active.dataset.item;
  return () => {
    const again = section.querySelector(`textarea.item-reply[data-item="${CSS.escape(id)}"]`);
    if (!again) return;
    again.focus();
    again.setSelectionRange(selectionStart, selectionEnd);
  };
}

function when(ms) {
  return new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
