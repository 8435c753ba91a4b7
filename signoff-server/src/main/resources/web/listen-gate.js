// The share link's gate (#gate): unlocks a password link and then opens the page at once (listen
// first): sets the CSRF value, un-hides #player and #feedback and dispatches `signoff:share`
// {token, session, name}, the name being the one remembered on this device or ''. The name is asked
// only when the listener writes: the feedback section dispatches `signoff:set-name` {name}, the gate
// remembers it and dispatches `signoff:name` {name}, as it does when the name is changed later.
// A link that does not work (revoked, expired, never existed) gets a friendly page-level message,
// also when it is revoked while the page is open.
import { api, el, setCsrf } from '/assets/api.js';

const NAME_KEY = 'signoff.listener-name';
const gate = document.getElementById('gate');
const token = decodeURIComponent(location.pathname.split('/')[2] || '');
const base = `/s/${encodeURIComponent(token)}/api`;
let player = null;
let current = { name: '' };
let opened = null;           // the session of the open page

function storedName() {
  try { return localStorage.getItem(NAME_KEY) || ''; } catch { return ''; }
}

function storeName(name) {
  try { localStorage.setItem(NAME_KEY, name); } catch { /* private browsing: the name lasts for this visit */ }
}

function setContent(...nodes) { gate.replaceChildren(...nodes); }

function hideListening() {
  for (const id of ['player', 'feedback']) document.getElementById(id).hidden = true;
  if (player) player.pause();
}

function showDead() {
  hideListening();
  document.title = 'Link not working - Signoff';
  setContent(el('div', { class: 'gate-message', id: 'link-dead' },
    el('h1', {}, 'This link doesn\u2019t work any more'),
    el('p', {}, 'It may have expired, or the engineer switched it off. If you still need to listen, ask them for a new link.')));
}

function showProblem(message) {
  hideListening();
  setContent(el('div', { class: 'gate-message', role: 'alert' },
    el('h1', {}, 'Can\u2019t open this link right now'), el('p', {}, message)));
}

function handle(e) {
  if (e.status === 404) showDead();
  else if (e.status === 429) showProblem(e.message.charAt(0).toUpperCase() + e.message.slice(1) + '.');
  else showProblem(e.status ? e.message : 'The server could not be reached. Check your connection and reload the page.');
}

function unlockForm() {
  return new Promise((resolve) => {
    const error = el('p', { class: 'error', role: 'alert', hidden: true });
    const input = el('input', { id: 'unlock-password', type: 'password', autocomplete: 'current-password', required: true });
    const form = el('form', { class: 'gate-card' },
      el('h1', {}, 'This link has a password'),
      el('p', { class: 'muted' }, 'The engineer sent it to you separately from the link.'),
      el('label', { for: 'unlock-password' }, 'Password'), input, error,
      el('button', { type: 'submit', id: 'unlock' }, 'Open'));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      error.hidden = true;
      form.querySelector('#unlock').disabled = true;
      try {
        resolve(await api('POST', `${base}/unlock`, { password: input.value }));
      } catch (e) {
        if (e.status === 404) return showDead();
        error.textContent = e.message.charAt(0).toUpperCase() + e.message.slice(1) + '.';
        error.hidden = false;
        form.querySelector('#unlock').disabled = false;
        input.select();
      }
    });
    setContent(form);
    input.focus();
  });
}

function title(session) {
  return el('div', { class: 'gate-title' },
    el('h1', {}, session.project_name),
    session.artist ? el('p', { class: 'muted' }, session.artist) : null);
}

/** Asks for a new name; resolves with it once saved. */
function nameForm(session, previous) {
  return new Promise((resolve) => {
    const input = el('input', { id: 'name-input', maxlength: 60, autocomplete: 'name', value: previous || '', required: true });
    const error = el('p', { class: 'error', role: 'alert', hidden: true });
    const why = session.audience === 'band'
      ? 'Your name goes with your notes, so your bandmates and the engineer know who said what.'
      : 'Your name goes with your notes, so the engineer knows who said what.';
    const form = el('form', { class: 'gate-card' }, title(session),
      el('label', { for: 'name-input' }, 'Your name'), input,
      el('p', { class: 'muted small' }, why, ' It is remembered on this device.'), error,
      el('button', { type: 'submit', id: 'name-save' }, 'Save'));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const name = input.value.trim().replace(/\s+/g, ' ');
      if (!name) { error.textContent = 'Tell us your name first.'; error.hidden = false; return; }
      storeName(name);
      resolve(name);
    });
    setContent(form);
    input.focus();
  });
}

function rename(session, name) {
  current.name = name;
  welcome(session);
  document.dispatchEvent(new CustomEvent('signoff:name', { detail: { name } }));
}

function welcome(session) {
  const change = el('button', { type: 'button', id: 'name-change', class: 'link-button', 'aria-label': 'Change your name' }, 'change');
  change.addEventListener('click', async () => rename(session, await nameForm(session, current.name)));
  const notes = [];
  if (session.expires_at) notes.push('This link works until ' + new Date(session.expires_at).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long' }) + '.');
  setContent(el('div', { class: 'gate-bar' }, title(session),
    current.name ? el('p', { class: 'listener' }, 'Listening as ', el('strong', { id: 'listener-name' }, current.name), ' \u00b7 ', change) : null,
    notes.length ? el('p', { class: 'muted small' }, ...notes) : null));
}

// The page's other scripts are modules too: they run after this one, all before DOMContentLoaded. The
// document is already "interactive" while they run, so only the event itself says they are all there.
const documentReady = new Promise((resolve) => {
  if (document.readyState === 'complete') resolve();
  else document.addEventListener('DOMContentLoaded', resolve, { once: true });
});

async function start() {
  let session;
  try {
    session = await api('GET', `${base}/session`);
    if (session.needs_password && !session.csrf) session = await unlockForm();
  } catch (e) { return handle(e); }
  if (!session) return;
  setCsrf(session.csrf);
  document.title = `${session.project_name} - Signoff`;
  current = { name: storedName() };
  opened = session;
  welcome(session);
  for (const id of ['player', 'feedback']) document.getElementById(id).hidden = false;
  // The other scripts on this page register their listeners as they load: let them all load first.
  await documentReady;
  document.dispatchEvent(new CustomEvent('signoff:share', { detail: { token, session, name: current.name } }));
}

document.addEventListener('signoff:player', (ev) => { player = ev.detail.player; });
// The name given with a first comment: remembered on this device like a changed one.
document.addEventListener('signoff:set-name', (ev) => {
  if (!opened) return;
  storeName(ev.detail.name);
  rename(opened, ev.detail.name);
});
// The project changed (a new version, a link revoked...): if it was this link, close the page now.
document.addEventListener('signoff:change', async () => {
  try { await api('GET', `${base}/session`); } catch (e) { if (e.status === 404) showDead(); }
});

start();
