// The owner's dashboard: every project with its latest version and how far the review has come,
// and a form to start a new one.
import { api, el, requireOwner } from '/assets/api.js';

const section = document.getElementById('projects');

function latestText(p) {
  const v = p.latest_version;
  if (!v) return 'no versions yet';
  const loud = v.integrated_lufs == null ? '' : ` · ${v.integrated_lufs.toFixed(1)} LUFS`;
  return `v${v.number}${v.label ? ' – ' + v.label : ''} · ${v.status}${loud}`;
}

function projectItem(p) {
  return el('li', { class: 'project' },
    el('a', { class: 'project-link', href: `/projects/${encodeURIComponent(p.id)}` }, p.name),
    p.artist ? el('span', { class: 'muted' }, ` · ${p.artist}`) : null,
    el('div', { class: 'project-facts muted' },
      el('span', {}, latestText(p)),
      el('span', {}, `${p.version_count} version${p.version_count === 1 ? '' : 's'}`),
      el('span', {}, `${p.comment_count} comment${p.comment_count === 1 ? '' : 's'}`),
      el('span', {}, `rounds ${p.rounds_used} of ${p.rounds_agreed}`),
      p.final_version_id ? el('span', { class: 'pill final' }, 'approved') : null));
}

async function main() {
  await requireOwner();
  const list = el('ul', { id: 'project-list', class: 'project-list' });
  const name = el('input', { id: 'new-project-name', type: 'text', maxlength: '200', required: true, placeholder: 'Song title' });
  const artist = el('input', { id: 'new-project-artist', type: 'text', maxlength: '200', placeholder: 'Artist or band' });
  const rounds = el('input', { id: 'new-project-rounds', type: 'number', min: '0', max: '50', value: '3', inputmode: 'numeric' });
  const error = el('p', { class: 'error', role: 'alert' });
  const create = el('button', { id: 'create-project', type: 'submit' }, 'Create project');
  const form = el('form', { class: 'new-project' },
    el('h2', {}, 'New project'),
    el('label', { for: 'new-project-name' }, 'Song'), name,
    el('label', { for: 'new-project-artist' }, 'Artist'), artist,
    el('label', { for: 'new-project-rounds' }, 'Revision rounds agreed'), rounds,
    el('div', { class: 'row' }, create), error);

  async function load() {
    const projects = await api('GET', '/api/projects');
    list.replaceChildren(...projects.map(projectItem));
    if (!projects.length) list.append(el('li', { class: 'muted' }, 'No projects yet: create one for the song you are mixing.'));
  }
  form.addEventListener('submit', async e => {
    e.preventDefault();
    error.textContent = '';
    create.disabled = true;
    try {
      await api('POST', '/api/projects', { name: name.value, artist: artist.value, rounds_agreed: Number(rounds.value || 3) });
      name.value = '';
      artist.value = '';
      await load();
    } catch (err) {
      error.textContent = err.message;
    } finally {
      create.disabled = false;
    }
  });
  section.replaceChildren(el('h1', {}, 'Projects'), list, form);
  await load();
}

main().catch(e => section.append(el('p', { class: 'error' }, e.message)));
