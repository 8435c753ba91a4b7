// The listening page's feedback (#feedback): comments pinned to the playhead or to a range picked on
// the waveform, the link's comments with the engineer's replies, markers on the waveform, a band's
// shared notes with one "send our feedback", and sign-off (confirmed in the page's own dialog). Starts
// once the gate has opened the page (signoff:share) and the player is ready (signoff:player); refreshes
// on signoff:change. A listener without a name yet is asked for it in the composer, when they write.
// Everything a person wrote is inserted as text through el(), never as HTML.
import { api, clock, el, reloader } from './api.js';

const section = document.getElementById('feedback');
const STATUS_FOR_LISTENER = { unsent: 'not sent yet', open: 'with the engineer', done: 'done', declined: 'kept as is' };
// A drag shorter than this on the waveform is a tap: the comment is pinned to a moment.
const SHORTEST_RANGE_S = 0.3;

let share = null;            // {token, session, name} from the gate
let player = null, waveform = null;
let state = null;            // the last GET /s/{token}/api/comments
let pin = null;              // {start, end, versionId, versionNumber}: held while the listener writes
let ui = null;
let approveNameEdited = false;
let unsentTry = null;        // {clientId, body, pin} of the comment whose last POST got no stored answer

document.addEventListener('signoff:share', e => { share = e.detail; begin(); });
document.addEventListener('signoff:player', e => { ({ player, waveform } = e.detail); begin(); });
document.addEventListener('signoff:name', e => {
  if (!share) return;
  share.name = e.detail.name;
  if (ui) ui.nameRow.hidden = true;
  if (ui && !approveNameEdited) ui.approveName.value = share.name || '';
});
document.addEventListener('signoff:change', () => { if (ui) refresh(); });

function begin() {
  if (ui || !share || !player) return;
  build();
  player.addEventListener('timeupdate', showPin);
  player.addEventListener('versionchange', () => { showPin(); render(); });
  waveform.addEventListener('rangeselect', e => {
    if (!canWrite()) return;
    const { start, end } = e.detail;
    if (!player.version) return;
    pin = pinAt(start, end - start >= SHORTEST_RANGE_S ? end : null);
    showPin();
  });
  waveform.addEventListener('markerclick', e => {
    const c = state && state.comments.find(x => x.id === e.detail.id);
    if (c) { player.seek(c.start_s); highlight(c.id); }
  });
  refresh();
}

const base = () => `/s/${encodeURIComponent(share.token)}/api`;
const band = () => share.session.audience === 'band';
const canWrite = () => share.session.can_comment && !(state && state.final_version);

// ---- building the section once; later refreshes only re-render the lists and states ----

function build() {
  ui = {};
  ui.heading = el('h2', {}, band() ? 'Band notes' : 'Your comments');
  ui.intro = el('p', { class: 'muted fb-intro' }, introText());

  ui.pinLabel = el('span', { class: 'fb-pin', 'aria-live': 'polite' });
  ui.pinReset = el('button', { type: 'button', class: 'secondary fb-small', hidden: true, onclick: () => { pin = null; showPin(); } }, 'Use the playhead');
  ui.text = el('textarea', { id: 'comment-text', rows: 3, maxlength: 2000, 'aria-label': 'Your comment',
    placeholder: 'What do you hear here? e.g. “vocal a little louder in this bit”' });
  ui.text.addEventListener('focus', holdPin);
  ui.text.addEventListener('input', () => { holdPin(); showComposeHint(); if (!share.name) ui.nameRow.hidden = false; });
  ui.name = el('input', { id: 'comment-name', autocomplete: 'name', maxlength: 60 });
  ui.nameRow = el('div', { class: 'fb-name', hidden: true }, el('label', { for: 'comment-name' }, 'Your name'), ui.name,
    el('p', { class: 'muted small' }, band()
      ? 'It goes with your notes, so your bandmates and the engineer know who said what. It is remembered on this device.'
      : 'It goes with your comments, so the engineer knows who said what. It is remembered on this device.'));
  ui.save = el('button', { id: 'comment-save', type: 'button', onclick: save }, saveLabel());
  ui.composeHint = el('p', { class: 'fb-gentle', hidden: true });
  ui.error = el('p', { class: 'error', role: 'alert' });
  ui.composer = el('div', { class: 'fb-composer' },
    el('div', { class: 'row fb-pin-row' }, ui.pinLabel, ui.pinReset), ui.text, ui.nameRow, ui.composeHint,
    el('div', { class: 'row' }, ui.save), ui.error);

  ui.sendHint = el('p', { class: 'fb-gentle', hidden: true });
  ui.send = el('button', { id: 'send-feedback', type: 'button', onclick: sendNotes });
  ui.sendPanel = el('div', { class: 'fb-send', hidden: true }, ui.sendHint, ui.send);

  ui.list = el('ol', { id: 'comment-list', class: 'fb-comments' });
  ui.empty = el('p', { class: 'muted fb-empty' });
  ui.othersSummary = el('summary', {});
  ui.othersList = el('ol', { class: 'fb-comments' });
  ui.others = el('details', { class: 'fb-other-versions', hidden: true }, ui.othersSummary, ui.othersList);

  ui.approveName = el('input', { id: 'approve-name', autocomplete: 'name', maxlength: 80, value: share.name || '' });
  ui.approveName.addEventListener('input', () => { approveNameEdited = true; });
  ui.approveNote = el('input', { id: 'approve-note', maxlength: 1000, placeholder: 'optional' });
  ui.approve = el('button', { id: 'approve', type: 'button', onclick: approve });
  ui.approveError = el('p', { class: 'error', role: 'alert' });
  ui.approveForm = el('div', { class: 'fb-approve-form' },
    el('p', { class: 'muted' }, 'When a version is the one, approve it here. The engineer then locks it as the final mix.'),
    el('label', { for: 'approve-name' }, 'Your name'), ui.approveName,
    el('label', { for: 'approve-note' }, 'A note for the engineer'), ui.approveNote,
    el('div', { class: 'row fb-approve-row' }, ui.approve), ui.approveError);
  ui.approved = el('div', { class: 'fb-approved', hidden: true });
  ui.approval = el('section', { id: 'approval', class: 'fb-approval' }, el('h3', {}, 'Sign-off'), ui.approveForm, ui.approved);
  ui.approveTitle = el('h3', { id: 'approve-dialog-title' });
  ui.approveWho = el('p', {});
  ui.approveWarnings = el('div', {});
  ui.approveDialog = el('dialog', { id: 'approve-dialog', class: 'fb-dialog', 'aria-labelledby': 'approve-dialog-title' },
    el('form', { method: 'dialog' }, ui.approveTitle, ui.approveWho, ui.approveWarnings,
      el('div', { class: 'row fb-dialog-buttons' },
        el('button', { id: 'approve-confirm', type: 'submit', value: 'approve' }, 'Approve'),
        // Focus starts on "Not yet": a stray Enter must not sign off a mix.
        el('button', { id: 'approve-cancel', type: 'submit', value: 'cancel', class: 'secondary', autofocus: true }, 'Not yet'))));
  ui.approval.append(ui.approveDialog);

  const writing = share.session.can_comment;
  section.replaceChildren(...(writing ? [ui.heading, ui.intro, ui.composer, ui.sendPanel, ui.list, ui.empty, ui.others] : []),
    ui.approval);
  if (!writing) section.hidden = true;   // a listen-only link shows this section only once a mix is approved
  const kept = draft.read();
  if (writing && kept) {
    ui.text.value = kept.body;
    pin = kept.pin;
    if (kept.clientId) unsentTry = kept;
    unsent('Your comment could not be stored last time');
  }
  showPin();
}

const saveLabel = () => band() ? 'Add note' : 'Send comment';

// A comment the server could not store (a full disk, a dropped connection) stays in the box, pinned
// where it was written, and in this browser until it is stored, so a reload does not lose it.
const draft = {
  key: () => `signoff:unsent:${share.token}`,
  read() { try { return JSON.parse(localStorage.getItem(draft.key())); } catch { return null; } },
  keep(value) { try { localStorage.setItem(draft.key(), JSON.stringify(value)); } catch { /* kept in the box only */ } },
  drop() { try { localStorage.removeItem(draft.key()); } catch { /* nothing kept */ } },
};

function unsent(why) {
  ui.error.textContent = `${why}. It is kept here: press “Try again” to send it.`;
  ui.save.textContent = 'Try again';
}

function introText() {
  if (band()) return 'Each of you can leave notes here, and you all see them. Compare notes, agree on the list, '
    + 'then send it to the engineer in one go.';
  return 'Take your time. When something catches your ear, pause and write it down: your comment is pinned to that '
    + 'moment (or drag across the waveform to pick a stretch) and goes straight to the engineer. '
    + 'Small, specific notes help most.';
}

// ---- pinning a comment to the playhead or a range ----

function holdPin() {
  if (!pin && player.version) { pin = pinAt(player.currentTime); showPin(); }
}

function currentPin() {
  return pin || pinAt(player.currentTime);
}

function pinAt(start, end = null) {
  return { start, end, versionId: player.version.id, versionNumber: player.version.number };
}

function showPin() {
  if (!ui || !player.version) return;
  const p = currentPin();
  const when = p.end != null ? `from ${clock(p.start)} to ${clock(p.end)}` : `at ${clock(p.start)}`;
  ui.pinLabel.textContent = `${when} on v${p.versionNumber}`;
  ui.pinReset.hidden = !pin;
}

// ---- reading and showing the link's feedback ----

// Live updates come for any change to the project; redraw only when this link's feedback changed.
const refresh = reloader(() => api('GET', base() + '/comments'), next => { state = next; render(); }, e => { ui.error.textContent = e.message; });

function render() {
  if (!state || !ui) return;
  if (!player.version) {
    for (const part of [ui.composer, ui.sendPanel, ui.list, ui.others, ui.approval]) part.hidden = true;
    ui.empty.hidden = false;
    ui.empty.textContent = 'There is nothing to listen to yet; comments open with the first version.';
    return;
  }
  ui.list.hidden = false;
  const versionId = player.version.id;
  const here = state.comments.filter(c => c.version_id === versionId);
  const elsewhere = state.comments.filter(c => c.version_id !== versionId);

  ui.list.replaceChildren(...here.map(commentItem));
  ui.empty.textContent = here.length ? '' : (band()
    ? `No notes on v${player.version.number} yet.`
    : `No comments on v${player.version.number} yet. Press play, and when something catches your ear, write it here.`);
  ui.empty.hidden = here.length > 0;
  ui.others.hidden = elsewhere.length === 0;
  ui.othersSummary.textContent = `${elsewhere.length} on other versions`;
  ui.othersList.replaceChildren(...elsewhere.map(commentItem));
  waveform.setMarkers(here.map(c => ({ id: c.id, start: c.start_s, end: c.end_s, label: `${c.author}: ${shorten(c.body)}` })));

  const open = canWrite();
  ui.composer.hidden = !open;
  ui.intro.hidden = !open;
  showComposeHint();
  renderSendPanel(open);
  renderApproval();
}

function commentItem(c) {
  const time = c.end_s != null ? `${clock(c.start_s)}–${clock(c.end_s)}` : clock(c.start_s);
  const versionTag = c.version_id === player.version.id ? null : el('span', { class: 'pill' }, `v${c.version_number}`);
  return el('li', { class: 'fb-comment', 'data-id': c.id, 'data-status': c.status },
    el('button', { type: 'button', class: 'fb-time', title: 'Play from here', onclick: () => playFrom(c) }, time),
    el('div', { class: 'fb-comment-main' },
      el('div', { class: 'fb-comment-head' }, el('strong', {}, c.author), ' ', versionTag, ' ',
        el('span', { class: `pill fb-status fb-status-${c.status}` }, STATUS_FOR_LISTENER[c.status] || c.status),
        c.status === 'unsent' && canWrite()
          ? el('button', { type: 'button', class: 'secondary fb-small fb-remove', title: 'Remove this note from the list',
            onclick: () => removeNote(c) }, 'Remove')
          : null),
      el('p', { class: 'fb-body' }, c.body),
      c.reply ? el('p', { class: 'fb-reply' }, el('span', { class: 'fb-reply-label' }, 'Engineer: '), c.reply) : null));
}

async function playFrom(c) {
  if (c.version_id !== player.version.id) await player.switchTo(c.version_id);
  player.seek(c.start_s);
  highlight(c.id);
}

function highlight(id) {
  const li = section.querySelector(`li.fb-comment[data-id="${CSS.escape(id)}"]`);
  if (!li) return;
  li.classList.remove('fb-flash');
  void li.offsetWidth;             // restart the animation when the same comment is picked again
  li.classList.add('fb-flash');
  li.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

// A person's list on this version is long: before they add to it, gently offer a conversation instead.
function showComposeHint() {
  if (!ui || !state) return;
  const round = band() ? null : state.rounds.find(r => r.version_id === currentPin().versionId);
  const long = round && round.items >= state.suggest_call_after && ui.text.value.trim() !== '';
  ui.composeHint.hidden = !long;
  if (long) ui.composeHint.textContent = `You've sent ${round.items} comments on v${round.version_number} so far. `
    + 'If there is more on your mind, a quick call or a studio visit with the engineer can be easier than a long list. '
    + 'Whatever suits you.';
}

function renderSendPanel(open) {
  ui.sendPanel.hidden = !band() || !open || state.unsent === 0;
  if (ui.sendPanel.hidden) return;
  ui.send.textContent = `Send our feedback (${notes(state.unsent)})`;
  ui.sendHint.hidden = !state.unsent_suggests_call;
  ui.sendHint.textContent = callSuggestion(state.unsent);
}

function renderApproval() {
  const fin = state.final_version;
  ui.approved.hidden = !fin;
  ui.approveForm.hidden = !!fin || !share.session.can_comment;
  ui.approval.hidden = ui.approved.hidden && ui.approveForm.hidden;
  if (!share.session.can_comment) section.hidden = !fin;
  if (fin) {
    const who = fin.approved_by ? ` by ${fin.approved_by}` : '';
    ui.approved.replaceChildren(
      el('p', { class: 'fb-approved-line' }, el('span', { class: 'fb-check', 'aria-hidden': 'true' }, '✓'),
        ` v${fin.version_number} is the final mix, approved${who} on ${day(fin.approved_at)}.`),
      el('p', { class: 'muted' }, 'Thank you! If something still needs to change, let the engineer know; they can reopen it.'));
    return;
  }
  ui.approve.textContent = `Approve ${versionTitle(player.version)} as the final mix`;
}

// ---- writing ----

async function save() {
  const body = ui.text.value.trim();
  if (!body) { ui.error.textContent = 'Write your comment first.'; ui.text.focus(); return; }
  if (!share.name && !takeName()) return;
  const p = currentPin();
  const clientId = sameTry(unsentTry, body, p) ? unsentTry.clientId : newClientId();
  ui.save.disabled = true;
  try {
    await api('POST', base() + '/comments', { version_id: p.versionId, start_s: p.start, end_s: p.end, body, author: share.name, client_id: clientId });
    unsentTry = null;
    draft.drop();
    ui.text.value = '';
    ui.error.textContent = '';
    ui.save.textContent = saveLabel();
    pin = null;
    showPin();
    await refresh();
  } catch (e) {
    pin = p;
    showPin();
    unsentTry = { clientId, body, pin: p };
    draft.keep(unsentTry);
    // fetch() rejects without a status when no answer came at all; its own words ("Failed to fetch") mean nothing to a listener.
    unsent(e.status ? e.message.replace(/[.;]?$/, '') : 'Your comment could not reach the server (is the connection down?)');
  } finally {
    ui.save.disabled = false;
  }
}

// The comment's own name, so the server stores a retry only once even when the first try was stored
// and only its answer was lost. getRandomValues, since randomUUID needs https and a LAN server may not have it.
function newClientId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}

// A retry is the same comment while its words and pin are unchanged; an edited one is a new comment.
function sameTry(t, body, p) {
  return !!t && t.body === body && t.pin.versionId === p.versionId && t.pin.start === p.start && t.pin.end === p.end;
}

async function removeNote(c) {
  try { await api('DELETE', `${base()}/comments/${encodeURIComponent(c.id)}`); await refresh(); }
  catch (e) { ui.error.textContent = e.message; }
}

async function sendNotes() {
  if (!share.name && !takeName()) return;
  const n = state.unsent;
  const question = `Send these ${notes(n)} to the engineer as one list? Everyone's notes go together; `
    + 'anything you add afterwards starts the next list.'
    + (state.unsent_suggests_call ? '\n\n' + callSuggestion(n) : '');
  if (!confirm(question)) return;
  ui.send.disabled = true;
  try {
    await api('POST', base() + '/rounds', { name: share.name });
    await refresh();
  } catch (e) {
    ui.error.textContent = e.message;
  } finally {
    ui.send.disabled = false;
  }
}

// Approves the version playing now, after a confirmation that names it.
async function approve() {
  ui.approveError.textContent = '';
  const name = ui.approveName.value.trim();
  if (!name) { ui.approveError.textContent = 'Add your name to approve.'; ui.approveName.focus(); return; }
  const v = player.version;
  const open = state.comments.filter(c => c.status === 'open').length;
  const unsent = state.unsent;
  const warnings = [];
  if (open) warnings.push(`${open === 1 ? 'One comment is' : `${open} comments are`} still waiting for the engineer.`);
  if (unsent) warnings.push(`${notes(unsent)} of yours ${unsent === 1 ? 'has' : 'have'} not been sent yet.`);
  if (!await confirmApproval(v, name, warnings)) return;
  ui.approve.disabled = true;
  try {
    await api('POST', base() + '/approve', { version_id: v.id, name, note: ui.approveNote.value.trim() || undefined });
    await refresh();
  } catch (e) {
    ui.approveError.textContent = e.message;
  } finally {
    ui.approve.disabled = false;
  }
}

/** The page's own dialog naming the version and the person; resolves true when they approve. */
function confirmApproval(v, name, warnings) {
  const d = ui.approveDialog;
  ui.approveTitle.textContent = `Approve ${versionTitle(v)} as the final mix?`;
  ui.approveWho.replaceChildren('You approve as ', el('strong', {}, name), '. The engineer locks ',
    el('strong', {}, versionTitle(v)), ' as the final version and feedback closes.');
  ui.approveWarnings.replaceChildren(...warnings.map(w => el('p', { class: 'fb-gentle' }, w)));
  d.querySelector('#approve-confirm').textContent = `Approve v${v.number}`;
  d.returnValue = '';
  d.showModal();
  return new Promise(resolve => d.addEventListener('close', () => resolve(d.returnValue === 'approve'), { once: true }));
}

/** The name typed in the composer, handed to the gate to remember; false (and asks for it) when empty. */
function takeName() {
  const name = ui.name.value.trim().replace(/\s+/g, ' ');
  if (!name) {
    ui.nameRow.hidden = false;
    ui.error.textContent = 'Add your name, so the engineer knows who wrote this.';
    ui.name.focus();
    return false;
  }
  document.dispatchEvent(new CustomEvent('signoff:set-name', { detail: { name } }));
  return !!share.name;
}

// ---- small helpers ----

function notes(n) { return n === 1 ? '1 note' : `${n} notes`; }

function callSuggestion(n) {
  return `That's ${notes(n)}: quite a list. Sometimes a quick call or a studio visit is the easiest way `
    + 'to go through it together. You can still send it here, of course.';
}

function versionTitle(v) { return v.label ? `v${v.number} “${v.label}”` : `v${v.number}`; }

function shorten(text) { return text.length > 60 ? text.slice(0, 57) + '…' : text; }

function day(ms) { return new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'long' }); }
