// The owner's email notifications, in the account menu: the address (else the one the server was
// started with, --notify-to) and which events send an email. Without --smtp the server sends none,
// and the form says so.
import { api, el } from '/assets/api.js';

export function notificationsForm() {
  const box = el('form', { id: 'notifications-form', class: 'account-notifications' }, el('p', { class: 'muted' }, 'Loading notifications…'));
  load(box);
  return box;
}

async function load(form) {
  let s;
  try { s = await api('GET', '/api/settings/notifications'); } catch (e) { form.replaceChildren(el('p', { class: 'error' }, e.message)); return; }
  const check = (id, label, checked) => el('label', { class: 'check', for: id }, el('input', { id, type: 'checkbox', checked }), ' ', label);
  const email = el('input', { id: 'notify-email', type: 'email', autocomplete: 'email', value: s.email || '', placeholder: s.default_email || 'you@example.com' });
  const status = el('p', { class: 'muted', role: 'status' });
  form.replaceChildren(
    el('h3', {}, 'Email me when'),
    s.smtp ? '' : el('p', { class: 'muted' }, 'Emails are off: start the server with --smtp to send them.'),
    check('notify-feedback', 'someone sends feedback (one email per burst of comments)', s.on_feedback),
    check('notify-approval', 'someone approves a version', s.on_approval),
    check('notify-first-open', 'someone opens their link for the first time', s.on_first_open),
    el('label', { for: 'notify-email' }, 'Send to'), email, status,
    el('div', { class: 'row' }, el('button', { type: 'submit', id: 'save-notifications' }, 'Save')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('PUT', '/api/settings/notifications', {
        email: email.value.trim(),
        on_feedback: form.querySelector('#notify-feedback').checked,
        on_approval: form.querySelector('#notify-approval').checked,
        on_first_open: form.querySelector('#notify-first-open').checked,
      });
      status.className = 'ok';
      status.textContent = 'Saved.';
    } catch (e) {
      status.className = 'error';
      status.textContent = e.message.charAt(0).toUpperCase() + e.message.slice(1) + '.';
    }
  });
}
