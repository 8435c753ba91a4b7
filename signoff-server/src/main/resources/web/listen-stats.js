// Who listened: tells the engineer how this page is listened to (nothing of it is shown here). It
// reports the page opening, then each play of a version: the furthest point reached and the time
// actually heard, every ~10 s while playing and when it pauses, ends, switches version or the page
// goes away. A play lasts from pressing play until the version ends or another is chosen.
// Reports use fetch with keepalive (they outlive the page, unlike a plain fetch) and carry the
// page's CSRF value like its other writes; a failed report is simply dropped.
const NAME_KEY = 'signoff.listener-name';
const EVERY_MS = 10_000;
let endpoint = null, csrf = null, name = '';
let play = null;          // {id, versionId, furthest, heard, lastAt, lastWall, ended, sentHeard, sentFurthest}
let timer = null;

function newId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);   // crypto.randomUUID needs HTTPS; phones often open the plain-HTTP LAN address
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

function report(event, extra) {
  if (!endpoint) return;
  const body = { event, touch: navigator.maxTouchPoints > 1, ...extra };
  if (name) body.name = name;
  try {
    fetch(endpoint, {
      method: 'POST', keepalive: true, credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Signoff-CSRF': csrf },
      body: JSON.stringify(body),
    }).catch(() => {});
  } catch { /* reporting never gets in the way of listening */ }
}

function reportPlay(event) {
  if (!play) return;
  if (event === 'progress' && play.heard === play.sentHeard && play.furthest === play.sentFurthest) return;
  play.sentHeard = play.heard;
  play.sentFurthest = play.furthest;
  report(event, { play_id: play.id, version_id: play.versionId,
    furthest_s: Math.round(play.furthest * 10) / 10, heard_s: Math.round(play.heard * 10) / 10 });
}

function stopTimer() {
  if (timer) clearInterval(timer);
  timer = null;
}

function follow(player) {
  const audio = player.audio;
  const at = () => audio.currentTime || 0;
  audio.addEventListener('play', () => {
    const version = player.version;
    if (!version) return;
    if (!play || play.ended || play.versionId !== version.id) {
      play = { id: newId(), versionId: version.id, furthest: at(), heard: 0, lastAt: at(), lastWall: performance.now(), ended: false, sentHeard: -1, sentFurthest: -1 };
      reportPlay('play');
    }
    play.lastAt = at();
    play.lastWall = performance.now();
    stopTimer();
    timer = setInterval(() => reportPlay('progress'), EVERY_MS);
  });
  audio.addEventListener('timeupdate', () => {
    if (!play || audio.paused || audio.seeking) return;
    const t = at(), now = performance.now(), step = t - play.lastAt;
    // Counted once: the media clock can step back a little while buffering and then run over the same
    // stretch again; only a seek (below) starts counting from an earlier point. A jump ahead is a seek too,
    // and no more is heard than the time that passed.
    if (step > 0) {
      if (step < 2) play.heard += Math.min(step, (now - play.lastWall) / 1000 * (audio.playbackRate || 1));
      play.lastAt = t;
    }
    play.lastWall = now;
    play.furthest = Math.max(play.furthest, t);
  });
  audio.addEventListener('seeked', () => { if (play) { play.lastAt = at(); play.lastWall = performance.now(); } });
  audio.addEventListener('pause', () => { stopTimer(); reportPlay('pause'); });
  audio.addEventListener('ended', () => {
    stopTimer();
    if (!play) return;
    play.furthest = Math.max(play.furthest, audio.duration || 0);
    reportPlay('ended');
    play.ended = true;
  });
  player.addEventListener('versionchange', () => {
    if (play && !play.ended) reportPlay('pause');
    play = null;
  });
}

document.addEventListener('signoff:share', e => {
  const { token, session } = e.detail;
  endpoint = `/s/${encodeURIComponent(token)}/api/listening`;
  csrf = session.csrf;
  try { name = e.detail.name || localStorage.getItem(NAME_KEY) || ''; } catch { name = e.detail.name || ''; }
  report('open');
});
document.addEventListener('signoff:name', e => { name = e.detail.name || ''; });
document.addEventListener('signoff:player', e => follow(e.detail.player));
addEventListener('pagehide', () => reportPlay('leave'));
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') reportPlay('leave'); });
