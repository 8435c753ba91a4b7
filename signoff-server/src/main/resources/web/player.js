// The player shared by the listening page and the owner's project page: one <audio> element
// streaming the chosen version (range requests: it never downloads the whole file first), played
// through Web Audio (MediaElementSource -> GainNode) so every version sounds at the quietest one's
// loudness. A GainNode works where media.volume is read-only (iOS); gains are never above 1.
import { el, clock } from '/assets/api.js';
import { Waveform } from '/assets/waveform.js';

/** Chooses the coarsest zoom that still gives at least one point per device pixel. */
function zoomFor(version, widthPx) {
  const frames = version.duration_s * version.sample_rate;
  const zooms = [16384, 4096, 1024, 256];
  return zooms.find(z => frames / z >= widthPx) || 256;
}

export class Player extends EventTarget {
  /**
   * @param root   where to build the player
   * @param urls   {audio(id), waveform(id, zoom)}
   */
  constructor(root, urls) {
    super();
    this.urls = urls;
    this.versions = [];
    this.version = null;
    this.audio = el('audio', { preload: 'metadata' });
    this.playButton = el('button', { id: 'play', type: 'button', class: 'play', 'aria-label': 'Play' }, '▶');
    this.time = el('span', { class: 'time' }, '0:00 / 0:00');
    this.select = el('select', { id: 'version-select', 'aria-label': 'Version' });
    this.matchNote = el('p', { class: 'loudness-note muted' });
    this.notice = el('p', { class: 'notice new-version', hidden: true, role: 'status' });
    const wave = el('div', { id: 'waveform', role: 'slider', 'aria-label': 'Position', tabindex: '0' });
    this.waveform = new Waveform(wave);
    root.append(this.notice,
      el('div', { class: 'player-row' }, this.playButton, el('div', { class: 'player-meta' }, this.select, this.time)),
      wave, this.matchNote, this.audio);

    this.playButton.addEventListener('click', () => (this.audio.paused ? this.play() : this.pause()));
    this.select.addEventListener('change', () => this.switchTo(this.select.value));
    this.waveform.addEventListener('seek', e => this.seek(e.detail.time));
    wave.addEventListener('keydown', e => {
      if (e.key === 'ArrowRight') this.seek(this.currentTime + 5);
      else if (e.key === 'ArrowLeft') this.seek(this.currentTime - 5);
      else if (e.key === ' ') { e.preventDefault(); this.playButton.click(); }
    });
    this.audio.addEventListener('timeupdate', () => this.tick());
    this.audio.addEventListener('play', () => this.showState());
    this.audio.addEventListener('pause', () => this.showState());
    this.audio.addEventListener('ended', () => this.showState());
  }

  get currentTime() { return this.audio.currentTime || 0; }

  /** Sets the versions (oldest first) and shows `current` (a version id) or the newest. */
  async setVersions(versions, current) {
    this.versions = versions;
    this.select.replaceChildren(...versions.map(v => el('option', { value: v.id },
      `v${v.number}${v.label ? ' – ' + v.label : ''}`)));
    this.describeMatching();
    const target = versions.find(v => v.id === current) || versions[versions.length - 1];
    if (target && (!this.version || this.version.id !== target.id)) await this.switchTo(target.id);
    else if (this.version) this.select.value = this.version.id;
  }

  /** The same playhead on another version, loudness-matched; keeps playing if it was. */
  async switchTo(versionId) {
    const v = this.versions.find(x => x.id === versionId);
    if (!v) return;
    const at = this.currentTime, wasPlaying = !this.audio.paused;
    this.version = v;
    this.select.value = v.id;
    this.applyGain();
    this.audio.src = this.urls.audio(v.id);
    this.audio.addEventListener('loadedmetadata', () => {
      this.audio.currentTime = Math.min(at, this.audio.duration || at);
      if (wasPlaying) this.play();
    }, { once: true });
    this.audio.load();
    this.dispatchEvent(new CustomEvent('versionchange', { detail: { version: v } }));
    this.waveform.clear('Loading the waveform…');
    this.waveform.duration = v.duration_s;
    this.waveform.setPosition(at);
    try {
      const width = this.waveform.container.clientWidth * (window.devicePixelRatio || 1);
      const r = await fetch(this.urls.waveform(v.id, zoomFor(v, width)), { credentials: 'same-origin' });
      if (!r.ok) throw new Error('no waveform yet');
      if (this.version === v) this.waveform.show(await r.arrayBuffer(), v.duration_s);
    } catch (e) {
      if (this.version === v) this.waveform.clear('The waveform appears once the version is analysed.');
    }
  }

  async play() {
    this.ensureGraph();
    if (this.context && this.context.state === 'suspended') await this.context.resume();
    try { await this.audio.play(); } catch (e) { /* the browser wants a tap first */ }
  }

  pause() { this.audio.pause(); }

  seek(t) {
    const d = this.audio.duration || (this.version && this.version.duration_s) || 0;
    this.audio.currentTime = Math.max(0, Math.min(t, d));
    this.tick();
  }

  tick() {
    const d = (this.version && this.version.duration_s) || this.audio.duration || 0;
    this.time.textContent = `${clock(this.currentTime)} / ${clock(d)}`;
    this.waveform.setPosition(this.currentTime);
    this.dispatchEvent(new Event('timeupdate'));
  }

  showState() {
    const playing = !this.audio.paused;
    this.playButton.textContent = playing ? '❚❚' : '▶';
    this.playButton.setAttribute('aria-label', playing ? 'Pause' : 'Play');
  }

  /** Web Audio needs a user gesture to start; built on the first play. */
  ensureGraph() {
    if (this.context || !window.AudioContext) return;
    this.context = new AudioContext();
    this.gain = this.context.createGain();
    this.context.createMediaElementSource(this.audio).connect(this.gain).connect(this.context.destination);
    this.applyGain();
  }

  /** Gain that brings this version down to the quietest version's integrated loudness. */
  gainFor(v) {
    const known = this.versions.map(x => x.integrated_lufs).filter(x => x != null);
    if (v.integrated_lufs == null || !known.length) return 1;
    return Math.min(1, Math.pow(10, (Math.min(...known) - v.integrated_lufs) / 20));
  }

  applyGain() {
    if (!this.version) return;
    const g = this.gainFor(this.version);
    if (this.gain) this.gain.gain.value = g;
    else this.audio.volume = g;   // until Web Audio starts (and where there is none)
  }

  describeMatching() {
    const known = this.versions.map(x => x.integrated_lufs).filter(x => x != null);
    this.matchNote.textContent = this.versions.length < 2 || !known.length ? ''
      : `Versions play at the same loudness (${Math.min(...known).toFixed(1)} LUFS, the quietest one's), so you compare the mixes, not the volume: a louder version always sounds better at first, even when it is not.`;
  }

  /** A small "v4 is here" notice. */
  announce(text) {
    this.notice.textContent = text;
    this.notice.hidden = false;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => { this.notice.hidden = true; }, 8000);
  }

  /**
   * Follows live changes: reloads the versions on every SSE `change`, re-dispatches it as the
   * document event `signoff:change`, and moves to a newly arrived version at the same playhead.
   */
  follow(eventsUrl, loadVersions) {
    let revision = -1;
    const source = new EventSource(eventsUrl);
    source.addEventListener('change', async e => {
      const r = JSON.parse(e.data).revision;
      if (r <= revision) return;
      const first = revision < 0;
      revision = r;
      if (!first) document.dispatchEvent(new CustomEvent('signoff:change', { detail: { revision: r } }));
      const versions = await loadVersions();
      const newest = versions[versions.length - 1];
      const before = this.versions.length ? this.versions[this.versions.length - 1].number : 0;
      const followNewest = newest && newest.number > before && this.versions.length > 0;
      await this.setVersions(versions, followNewest ? newest.id : this.version && this.version.id);
      if (followNewest) this.announce(`v${newest.number} is here: now playing it from the same spot (the menu switches back).`);
    });
    return source;
  }
}
