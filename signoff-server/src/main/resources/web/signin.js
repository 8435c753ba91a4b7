// The owner's way in: first-start setup (the owner token printed by `signoff serve` plus a new
// password, typed twice) on /setup, sign-in with the password on /login. Both go back to ?next=
// afterwards, but only to a path on this site: a link elsewhere must not turn sign-in into a redirect.
import { api, el, setCsrf } from '/assets/api.js';

/** The ?next= target when it is a path on this site; '/' otherwise. */
function safeNext(raw) {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\u007f]/.test(raw)) return '/';
  try {
    const u = new URL(raw, location.origin);
    return u.origin === location.origin ? u.pathname + u.search + u.hash : '/';
  } catch { return '/'; }
}

const next = safeNext(new URLSearchParams(location.search).get('next'));
const withNext = (path) => next === '/' ? path : path + '?next=' + encodeURIComponent(next);

function field(id, label, attrs) {
  return [el('label', { for: id }, label), el('input', { id, ...attrs })];
}

function busy(form, on) {
  for (const b of form.querySelectorAll('button, input')) b.disabled = on;
}

/** The server's one-line message as a sentence. */
function showError(box, e) {
  const m = e.message;
  box.textContent = m.charAt(0).toUpperCase() + m.slice(1) + (/[.!?]$/.test(m) ? '' : '.');
  box.hidden = false;
}

function renderSetup(section) {
  const error = el('p', { class: 'error', role: 'alert', hidden: true });
  const form = el('form', { class: 'signin-form', novalidate: true },
    el('h1', {}, 'Welcome to Signoff'),
    el('p', { class: 'muted' }, 'First start: choose the password you will sign in with. ',
      'To prove this is your server, paste the owner token that ', el('code', {}, 'signoff serve'), ' printed in its terminal.'),
    ...field('setup-token', 'Owner token', { name: 'token', autocomplete: 'off', spellcheck: 'false', required: true }),
    ...field('setup-password', 'New password (at least 8 characters)', { type: 'password', name: 'password', autocomplete: 'new-password', minlength: 8, required: true }),
    ...field('setup-password-again', 'The same password again', { type: 'password', autocomplete: 'new-password', required: true }),
    error,
    el('button', { type: 'submit', id: 'setup-save' }, 'Set password and sign in'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    const token = form.querySelector('#setup-token').value.trim();
    const password = form.querySelector('#setup-password').value;
    if (!token) return showError(error, new Error('Paste the owner token from the terminal where signoff serve runs.'));
    if (password.length < 8) return showError(error, new Error('Choose a password of at least 8 characters.'));
    if (password !== form.querySelector('#setup-password-again').value) return showError(error, new Error('The two passwords are not the same.'));
    busy(form, true);
    try {
      const r = await api('POST', '/api/setup', { token, password });
      setCsrf(r.csrf);
      location.replace(next);
    } catch (e) { showError(error, e); busy(form, false); }
  });
  section.replaceChildren(form);
  form.querySelector('#setup-token').focus();
}

function renderSignin(section) {
  const error = el('p', { class: 'error', role: 'alert', hidden: true });
  const form = el('form', { class: 'signin-form' },
    el('h1', {}, 'Sign in'),
    el('p', { class: 'muted' }, 'Your projects, versions and share links are behind your password.'),
    ...field('signin-password', 'Password', { type: 'password', name: 'password', autocomplete: 'current-password', required: true }),
    error,
    el('button', { type: 'submit', id: 'signin-submit' }, 'Sign in'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    busy(form, true);
    try {
      const r = await api('POST', '/api/login', { password: form.querySelector('#signin-password').value });
      setCsrf(r.csrf);
      location.replace(next);
    } catch (e) {
      showError(error, e);
      busy(form, false);
      form.querySelector('#signin-password').select();
    }
  });
  section.replaceChildren(form);
  form.querySelector('#signin-password').focus();
}

async function start() {
  const setup = document.getElementById('setup');
  const signin = document.getElementById('signin');
  const section = setup || signin;
  try {
    const s = await api('GET', '/api/session');
    if (s.owner) return location.replace(next);
    if (setup && !s.setup_needed) return location.replace(withNext('/login'));
    if (signin && s.setup_needed) return location.replace(withNext('/setup'));
    (setup ? renderSetup : renderSignin)(section);
  } catch (e) {
    section.replaceChildren(el('p', { class: 'error' }, 'The server did not answer: ' + e.message));
  }
}

start();
