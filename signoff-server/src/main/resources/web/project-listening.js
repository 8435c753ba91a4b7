// The project page's "Who listened" (#listening): for each person who opened one of the project's
// links, when they opened it, on what kind of device, and per version how far they got, e.g.
// "Sam played v3 to the end twice, heard 7:12 in all, yesterday 21:40". Listeners never see this.
import { api, clock, el, reloader, requireOwner } from '/assets/api.js';

const section = document.getElementById('listening');
const projectId = decodeURIComponent(location.pathname.split('/')[2] || '');
const list = el('ul', { id: 'listener-list', class: 'listener-list' });
const REFRESH_MS = 30_000;

const times = (n) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** "today 21:40", "yesterday 21:40" or "Mon 7 Dec 21:40" in the engineer's own time zone. */
export function when(ms) {
  const d = new Date(ms), now = new Date();
  const hm = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const day = (x) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const days = Math.round((day(now) - day(d)) / 86_400_000);
  if (days === 0) return `today ${hm}`;
  if (days === 1) return `yesterday ${hm}`;
  return `${d.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })} ${hm}`;
}

function who(l) {
  if (!l.name) return l.link_label;
  return l.name === l.link_label ? l.name : `${l.name} (${l.link_label})`;
}

/** One version as one listener heard it, as a sentence after their name. */
export function played(v) {
  const version = `v${v.version_number}`;
  let text;
  if (v.plays_to_end > 0) {
    text = `played ${version} to the end ${times(v.plays_to_end)}`;
    if (v.plays > v.plays_to_end) text += ` (${v.plays} plays)`;
  } else {
    text = `played ${version} to ${clock(v.furthest_s)} of ${clock(v.duration_s)}`;
    if (v.plays > 1) text += ` (${v.plays} plays)`;
  }
  return `${text}, heard ${clock(v.heard_s)} in all, ${when(v.last_played_at)}`;
}

function listenerItem(l) {
  const name = who(l);
  const lines = l.versions.length
    ? l.versions.map(v => el('li', {}, `${name} ${played(v)}`))
    : [el('li', { class: 'muted' }, `${name} has not played anything yet`)];
  return el('li', { class: 'listener' },
    el('div', { class: 'listener-head' }, el('strong', {}, name), ' ',
      el('span', { class: 'muted' }, `opened the link ${when(l.opened_at)} on a ${l.device}`)),
    el('ul', { class: 'listener-plays' }, ...lines));
}

const refresh = reloader(() => api('GET', `/api/projects/${encodeURIComponent(projectId)}/listening`), data => {
  if (!data.listeners.length) list.replaceChildren(el('li', { class: 'muted empty' }, 'Nobody has opened a link yet.'));
  else list.replaceChildren(...data.listeners.map(listenerItem));
}, e => list.replaceChildren(el('li', { class: 'error' }, e.message)));

async function start() {
  await requireOwner();
  section.replaceChildren(el('h2', {}, 'Who listened'),
    el('p', { class: 'muted' }, 'Only you see this. No addresses are kept, only the kind of device.'), list);
  await refresh();
  setInterval(refresh, REFRESH_MS);
}

if (section) start();
