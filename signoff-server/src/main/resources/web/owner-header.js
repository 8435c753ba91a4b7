// The signed-in owner's corner of the page header: change the password, email notifications, sign out. Shared by the
// owner's pages (index.html, project.html); each page's own script handles the redirect to sign-in.
import { api, el, setCsrf } from '/assets/api.js';
import { notificationsForm } from '/assets/owner-notifications.js';

function passwordForm(close) {
  const error = el('p', { class: 'error', role: 'alert', hidden: true });
  const done = el('p', { class: 'ok', role: 'status', hidden: true }, 'Password changed. Other devices are signed out.');
  const input = (id, label, autocomplete) => [el('label', { for: id }, label), el('input', { id, type: 'password', autocomplete, required: true })];
  const form = el('form', { class: 'account-password' },
    ...input('current-password', 'Current password', 'current-password'),
    ...input('new-password', 'New password (at least 8 characters)', 'new-password'),
    ...input('new-password-again', 'New password again', 'new-password'),
    error, done,
    el('div', { class: 'row' },
      el('button', { type: 'submit', id: 'change-password' }, 'Change password'),
      el('button', { type: 'button', class: 'secondary', onclick: close }, 'Close')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.hidden = true; done.hidden = true;
    const current = form.querySelector('#current-password').value;
    const password = form.querySelector('#new-password').value;
    if (password.length < 8) { error.textContent = 'Choose a password of at least 8 characters.'; error.hidden = false; return; }
    if (password !== form.querySelector('#new-password-again').value) { error.textContent = 'The two new passwords are not the same.'; error.hidden = false; return; }
    try {
      const r = await api('POST', '/api/password', { current, password });
      setCsrf(r.csrf);
      form.reset();
      done.hidden = false;
    } catch (e) { error.textContent = e.message.charAt(0).toUpperCase() + e.message.slice(1) + '.'; error.hidden = false; }
  });
  return form;
}

async function start() {
  const header = document.querySelector('header.top');
  if (!header) return;
  let session;
  try { session = await api('GET', '/api/session'); } catch { return; }
  if (!session.owner) return;
  setCsrf(session.csrf);
  const menu = el('details', { class: 'account' });
  const close = () => { menu.open = false; };
  const signOut = el('button', { type: 'button', id: 'sign-out', class: 'secondary' }, 'Sign out');
  signOut.addEventListener('click', async () => {
    signOut.disabled = true;
    try { await api('POST', '/api/logout'); } finally { location.href = '/login'; }
  });
  menu.append(el('summary', {}, 'Account'), el('div', { class: 'account-panel' }, passwordForm(close), notificationsForm()));
  header.append(el('div', { class: 'owner-actions' }, menu, signOut));
}

start();
