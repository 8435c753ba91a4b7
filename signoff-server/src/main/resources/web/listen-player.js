// The listening page's player: waits for the share gate (signoff:share), builds the player in
// #player, announces it (signoff:player {player, waveform}) and keeps the page's one event stream,
// re-dispatched as signoff:change for the other scripts. A link that allows downloads gets a download
// button for the version playing (the original file); a listen-only link gets none. The player sticks
// to the top of the screen (CSS); its height goes to --player-height so whatever the page scrolls into
// view (the comment box, a comment) lands below it rather than under it.
import { api, el } from '/assets/api.js';
import { Player } from '/assets/player.js';

document.addEventListener('signoff:share', async e => {
  const { token, session } = e.detail;
  const base = `/s/${encodeURIComponent(token)}/api`;
  const root = document.getElementById('player');
  root.hidden = false;
  // The gate above already shows the project's name and artist.
  root.replaceChildren();
  let project;
  try {
    project = await api('GET', `${base}/project`);
  } catch (err) {
    root.append(el('p', { class: 'error' }, err.message));
    return;
  }
  const waiting = el('p', { class: 'muted' }, 'The first version is on its way: this page plays it as soon as it is ready.');
  if (!project.versions.length) root.append(waiting);

  const player = new Player(root, {
    audio: id => `${base}/versions/${encodeURIComponent(id)}/audio`,
    waveform: (id, zoom) => `${base}/versions/${encodeURIComponent(id)}/waveform?zoom=${zoom}&format=dat`,
  });
  const waveform = player.waveform;
  if (session.can_download) {
    const download = el('a', { id: 'download', class: 'button secondary download', download: '', hidden: true });
    player.addEventListener('versionchange', ev => {
      const v = ev.detail.version;
      download.hidden = false;
      download.href = `${base}/versions/${encodeURIComponent(v.id)}/audio?download=1`;
      download.textContent = `Download v${v.number} (original ${v.format.toUpperCase()})`;
    });
    root.append(download);
  }
  const page = document.documentElement;
  new ResizeObserver(() => page.style.setProperty('--player-height', `${root.offsetHeight}px`)).observe(root);
  await player.setVersions(project.versions, project.final_version_id);
  player.follow(`${base}/events`, async () => {
    const p = await api('GET', `${base}/project`);
    if (p.versions.length) waiting.remove();
    return p.versions;
  });
  document.dispatchEvent(new CustomEvent('signoff:player', { detail: { player, waveform } }));
});
