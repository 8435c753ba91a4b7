// The project page's share links (#links): create a private link per person or band with its
// permissions, expiry and password; the drafted sharing message to edit and copy; the list of links
// with their status, their full address and a revoke button.
import { api, el, reloader, requireOwner } from '/assets/api.js';

const section = document.getElementById('links');
const projectId = decodeURIComponent(location.pathname.split('/')[2] || '');
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const list = el('ul', { id: 'link-list', class: 'link-list' });
const messageBox = el('div', { id: 'link-message', class: 'link-message', hidden: true });

const linkUrl = (link) => link.url;
const day = (ms) => new Date(ms).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

/** Copies text; on plain-HTTP LAN addresses the Clipboard API is missing, so select-and-copy instead. */
async function copy(text, button, fallbackField) {
  const label = button.textContent;
  try {
    if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(text);
    else {
      fallbackField.focus();
      fallbackField.select();
      if (!document.execCommand('copy')) throw new Error('copy refused');
    }
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Select and copy by hand';
  }
  setTimeout(() => { button.textContent = label; }, 1800);
}

function showMessage(link, message) {
  const text = el('textarea', { id: 'share-message', rows: 12, spellcheck: 'true', 'aria-label': 'Message to send' }, message);
  const hidden = el('textarea', { class: 'offscreen', tabindex: '-1', 'aria-hidden': 'true' }, linkUrl(link));
  const copyMessage = el('button', { type: 'button', id: 'copy-message' }, 'Copy message');
  copyMessage.addEventListener('click', () => copy(text.value, copyMessage, text));
  const copyLink = el('button', { type: 'button', class: 'secondary' }, 'Copy link only');
  copyLink.addEventListener('click', () => copy(linkUrl(link), copyLink, hidden));
  messageBox.replaceChildren(
    el('h3', {}, 'Message for ', link.label),
    el('p', { class: 'muted' }, 'A draft: change anything you like, then copy it into your email or chat.',
      link.has_password ? ' Send the password in a different message (or tell them).' : ''),
    text, hidden,
    el('div', { class: 'row' }, copyMessage, copyLink,
      el('button', { type: 'button', class: 'secondary', onclick: () => { messageBox.hidden = true; } }, 'Done')));
  messageBox.hidden = false;
  messageBox.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}

function describe(link) {
  const parts = ['listen'];
  if (link.can_comment) parts.push('comment');
  if (link.can_download) parts.push('download');
  const notes = [parts.join(' · ')];
  if (link.has_password) notes.push('password');
  if (link.status === 'revoked') notes.push('revoked ' + day(link.revoked_at));
  else if (link.expires_at) notes.push((link.status === 'expired' ? 'expired ' : 'until ') + day(link.expires_at));
  return notes.join(' — ');
}

function linkItem(link) {
  const url = el('code', { class: 'link-url' }, linkUrl(link));
  const actions = el('div', { class: 'row link-actions' });
  if (link.status === 'active') {
    const hidden = el('textarea', { class: 'offscreen', tabindex: '-1', 'aria-hidden': 'true' }, linkUrl(link));
    const copyLink = el('button', { type: 'button', class: 'secondary copy-link' }, 'Copy link');
    copyLink.addEventListener('click', () => copy(linkUrl(link), copyLink, hidden));
    const message = el('button', { type: 'button', class: 'secondary draft-message' }, 'Message');
    message.addEventListener('click', async () => {
      try {
        const r = await api('GET', `/api/projects/${encodeURIComponent(projectId)}/links/draft-message?link=${encodeURIComponent(link.id)}&time_zone=${encodeURIComponent(zone)}`);
        showMessage(link, r.message);
      } catch (e) { alert(e.message); }
    });
    const revoke = el('button', { type: 'button', class: 'danger revoke-link' }, 'Revoke');
    revoke.addEventListener('click', async () => {
      if (!confirm(`Revoke the link for ${link.label}? It stops working straight away, also on devices where it is open.`)) return;
      revoke.disabled = true;
      try {
        await api('POST', `/api/projects/${encodeURIComponent(projectId)}/links/${encodeURIComponent(link.id)}/revoke`);
        await refresh();
      } catch (e) { revoke.disabled = false; alert(e.message); }
    });
    actions.append(copyLink, message, revoke, hidden);
  }
  return el('li', { class: 'link status-' + link.status, 'data-id': link.id },
    el('div', { class: 'link-head' },
      el('strong', { class: 'link-label' }, link.label),
      el('span', { class: 'pill' }, link.audience === 'band' ? 'band' : 'person'),
      el('span', { class: 'pill link-status' }, link.status)),
    url,
    el('div', { class: 'muted link-notes' }, describe(link)),
    actions);
}

// Redraws only when the links changed (live updates come for any change to the project).
const refresh = reloader(() => api('GET', `/api/projects/${encodeURIComponent(projectId)}/links`), links => {
  if (!links.length) list.replaceChildren(el('li', { class: 'muted empty' }, 'No links yet. Create one for each person or band you send the mix to.'));
  else list.replaceChildren(...links.slice().reverse().map(linkItem));
}, e => list.replaceChildren(el('li', { class: 'error' }, e.message)));

function createForm() {
  const error = el('p', { class: 'error', role: 'alert', hidden: true });
  const date = el('input', { id: 'new-link-expiry-date', type: 'date', hidden: true, 'aria-label': 'Expiry date' });
  const expiry = el('select', { id: 'new-link-expiry' },
    el('option', { value: '' }, 'Never'), el('option', { value: '7' }, 'In 7 days'),
    el('option', { value: '30' }, 'In 30 days'), el('option', { value: 'date' }, 'On a date…'));
  expiry.addEventListener('change', () => {
    date.hidden = expiry.value !== 'date';
    if (!date.hidden) { date.min = new Date().toISOString().slice(0, 10); date.focus(); }
  });
  const check = (id, label, checked) => el('label', { class: 'check', for: id }, el('input', { id, type: 'checkbox', checked }), ' ', label);
  const form = el('form', { id: 'new-link-form', class: 'new-link' },
    el('div', { class: 'grid' },
      el('div', {}, el('label', { for: 'new-link-label' }, 'Who is it for?'),
        el('input', { id: 'new-link-label', maxlength: 80, placeholder: 'Ana, or The Reds', autocomplete: 'off', required: true })),
      el('div', {}, el('label', { for: 'new-link-audience' }, 'Audience'),
        el('select', { id: 'new-link-audience' },
          el('option', { value: 'person' }, 'One person'),
          el('option', { value: 'band' }, 'A band (they send one list together)')))),
    el('div', { class: 'row checks' },
      check('new-link-comment', 'Can comment', true),
      check('new-link-download', 'Can download the files', false)),
    el('div', { class: 'grid' },
      el('div', {}, el('label', { for: 'new-link-expiry' }, 'Link expires'), expiry, date),
      el('div', {}, el('label', { for: 'new-link-password' }, 'Password (optional; send it separately)'),
        el('input', { id: 'new-link-password', type: 'text', autocomplete: 'off', spellcheck: 'false', minlength: 6, placeholder: 'none' }))),
    error,
    el('button', { type: 'submit', id: 'create-link' }, 'Create link'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    const body = {
      label: form.querySelector('#new-link-label').value.trim(),
      audience: form.querySelector('#new-link-audience').value,
      can_comment: form.querySelector('#new-link-comment').checked,
      can_download: form.querySelector('#new-link-download').checked,
      time_zone: zone,
    };
    const password = form.querySelector('#new-link-password').value;
    if (password) body.password = password;
    if (expiry.value === 'date') {
      if (!date.value) { error.textContent = 'Pick the last day the link should work.'; error.hidden = false; return; }
      body.expires_at = new Date(date.value + 'T23:59:59').getTime();
    } else if (expiry.value) body.expires_in_days = Number(expiry.value);
    const button = form.querySelector('#create-link');
    button.disabled = true;
    try {
      const link = await api('POST', `/api/projects/${encodeURIComponent(projectId)}/links`, body);
      form.reset();
      date.hidden = true;
      await refresh();
      showMessage(link, link.message);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    } finally { button.disabled = false; }
  });
  return form;
}

async function start() {
  if (!section) return;
  await requireOwner();
  section.replaceChildren(
    el('h2', {}, 'Share links'),
    el('p', { class: 'muted' }, 'One private link per person or band. Nobody else can open it, and you can revoke it at any time.'),
    createForm(), messageBox, list);
  await refresh();
  // Another tab or device changed the project (a link created or revoked there): show it here too.
  document.addEventListener('signoff:change', refresh);
}

start();
