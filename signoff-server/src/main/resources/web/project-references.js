// The project page's reference tracks (#references), for the owner only: released tracks the
// engineer trusts, against which the clients' feedback words are read ("harsh" against how harsh
// the references are). Listeners never see them; nothing under a share link lists or serves them.
import { api, clock, el, reloader, requireOwner } from '/assets/api.js';

const section = document.getElementById('references');
const projectId = decodeURIComponent(location.pathname.split('/')[2] || '');
const base = `/api/projects/${encodeURIComponent(projectId)}/references`;
const list = el('ul', { id: 'reference-list', class: 'reference-list' });
const error = el('p', { class: 'error', role: 'alert', hidden: true });

function showError(e) {
  error.textContent = e ? e.message : '';
  error.hidden = !e;
}

function referenceItem(r) {
  const remove = el('button', { type: 'button', class: 'secondary reference-remove' }, 'Remove');
  remove.addEventListener('click', async () => {
    remove.disabled = true;
    try {
      await api('DELETE', `/api/references/${encodeURIComponent(r.id)}`);
      showError(null);
      await refresh();
    } catch (e) {
      showError(e);
      remove.disabled = false;
    }
  });
  return el('li', { class: 'reference', 'data-id': r.id },
    el('span', { class: 'reference-name' }, r.file_name), ' ',
    el('span', { class: 'muted' }, `${clock(r.duration_s)} · ${r.format}`), ' ', remove);
}

const refresh = reloader(() => api('GET', base), data => {
  if (!data.references.length) list.replaceChildren(el('li', { class: 'muted empty' }, 'No references: feedback words are read against the built-in range.'));
  else list.replaceChildren(...data.references.map(referenceItem));
}, showError);

function addForm() {
  const input = el('input', { id: 'reference-file', type: 'file', accept: 'audio/*', 'aria-label': 'Reference track' });
  const status = el('span', { class: 'muted', 'aria-live': 'polite' });
  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (!file) return;
    input.disabled = true;
    status.textContent = `Measuring ${file.name}…`;
    try {
      await api('PUT', `${base}?name=${encodeURIComponent(file.name)}`, file);
      showError(null);
      await refresh();
    } catch (e) {
      showError(e);
    } finally {
      input.value = '';
      input.disabled = false;
      status.textContent = '';
    }
  });
  return el('div', { class: 'row' }, el('label', { for: 'reference-file' }, 'Add a reference track'), input, status);
}

async function start() {
  if (!section) return;
  await requireOwner();
  section.replaceChildren(
    el('h2', {}, 'References'),
    el('p', { class: 'muted' }, 'Released tracks you trust. Clients\' words ("harsh", "muddy") are read against them as well as against the rest of the song. Only you see them: share links never list or play them.'),
    addForm(), error, list);
  await refresh();
  document.addEventListener('signoff:change', refresh);
}

start();
