// The player shared by the listening page and the owner's project page. Each version it holds is a
// "deck": an <audio> element streaming that version (range requests: it never downloads the whole file
// first), played through Web Audio (MediaElementSource -> GainNode) so every version sounds at the
// quietest one's loudness. A GainNode works where media.volume is read-only (iOS); gains are never above
// 1. Two decks live at a time, the version playing and its A/B partner (the other of the two latest
// versions), the partner buffering near the playhead once playing starts, so the A/B button switches
// at once. Until the first play both only fetch their metadata: opening the page costs no audio.
import { el, clock } from '/assets/api.js';
import { Waveform } from '/assets/waveform.js';

/** Chooses the coarsest zoom that still gives at least one point per device pixel. */
function zoomFor(version, widthPx) {
  const frames = version.duration_s * version.sample_rate;
  const zooms = [16384, 4096, 1024, 256];
  return zooms.find(z => frames / z >= widthPx) || 256;
}

// The A/B partner is moved to the playhead when it drifts further than this (seconds): close enough for
// the browser's read-ahead to hold the switch point, rare enough not to seek it on every tick.
const PARTNER_DRIFT_S = 2;

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
    this.decks = new Map();   // version id -> {version, audio, gain}
    this.audio = null;        // the playing deck's <audio> (class "active")
    this.started = false;     // pressed play once: decks buffer audio from then on
    this.playButton = el('button', { id: 'play', type: 'button', class: 'play', 'aria-label': 'Play' }, '▶');
    this.time = el('span', { class: 'time' }, '0:00 / 0:00');
    this.select = el('select', { id: 'version-select', 'aria-label': 'Version' });
    this.abButton = el('button', { id: 'ab-toggle', type: 'button', class: 'secondary ab-toggle', hidden: true });
    this.matchNote = el('p', { class: 'loudness-note muted' });
    this.notice = el('p', { class: 'notice new-version', hidden: true, role: 'status' });
    this.deckRoot = el('div', { class: 'decks' });
    const wave = el('div', { id: 'waveform', role: 'slider', 'aria-label': 'Position', tabindex: '0' });
    this.waveform = new Waveform(wave);
    root.append(this.notice,
      el('div', { class: 'player-row' }, this.playButton,
        el('div', { class: 'player-meta' }, el('div', { class: 'player-versions' }, this.select, this.abButton), this.time)),
      wave, this.matchNote, this.deckRoot);

    this.playButton.addEventListener('click', () => (!this.audio || this.audio.paused ? this.play() : this.pause()));
    this.select.addEventListener('change', () => this.switchTo(this.select.value));
    this.abButton.addEventListener('click', () => { const p = this.partner(); if (p) this.switchTo(p.id); });
    this.waveform.addEventListener('seek', e => this.seek(e.detail.time));
    wave.addEventListener('keydown', e => {
      if (e.key === 'ArrowRight') this.seek(this.currentTime + 5);
      else if (e.key === 'ArrowLeft') this.seek(this.currentTime - 5);
      else if (e.key === ' ') { e.preventDefault(); this.playButton.click(); }
    });
  }

  get currentTime() { return (this.audio && this.audio.currentTime) || 0; }

  /** Sets the versions (oldest first) and shows `current` (a version id) or the newest. */
  async setVersions(versions, current) {
    this.versions = versions;
    this.select.replaceChildren(...versions.map(v => el('option', { value: v.id },
      `v${v.number}${v.label ? ' – ' + v.label : ''}`)));
    for (const d of this.decks.values()) d.version = versions.find(v => v.id === d.version.id) || d.version;
    this.describeMatching();
    const target = versions.find(v => v.id === current) || versions[versions.length - 1];
    if (target && (!this.version || this.version.id !== target.id)) await this.switchTo(target.id);
    else if (this.version) {
      this.select.value = this.version.id;
      this.keepDecks();
      this.applyGain();
    }
  }

  /**
   * The other of the two latest versions (the newest when an older one plays): what the A/B button
   * switches to, or null with fewer than two versions.
   */
  partner() {
    const n = this.versions.length;
    if (n < 2 || !this.version) return null;
    const newest = this.versions[n - 1];
    return this.version.id === newest.id ? this.versions[n - 2] : newest;
  }

  /** The same playhead on another version, loudness-matched; keeps playing if it was. */
  async switchTo(versionId) {
    const v = this.versions.find(x => x.id === versionId);
    if (!v) return;
    const at = this.currentTime, wasPlaying = !!this.audio && !this.audio.paused;
    const before = this.audio;
    const deck = this.deck(v);
    this.version = v;
    this.audio = deck.audio;
    this.select.value = v.id;
    for (const d of this.decks.values()) d.audio.classList.toggle('active', d === deck);
    if (before && before !== deck.audio) before.pause();
    this.applyGain();
    const resume = () => {
      deck.audio.currentTime = Math.min(at, deck.audio.duration || at);
      if (wasPlaying) this.play();
    };
    if (deck.audio.readyState >= HTMLMediaElement.HAVE_METADATA) resume();
    else deck.audio.addEventListener('loadedmetadata', resume, { once: true });
    this.keepDecks();
    this.showState();
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

  /** The deck of version `v`, made (and buffering) if there is none. */
  deck(v) {
    let d = this.decks.get(v.id);
    if (d) return d;
    const audio = el('audio', { preload: this.started ? 'auto' : 'metadata', src: this.urls.audio(v.id) });
    d = { version: v, audio, gain: null };
    audio.addEventListener('timeupdate', () => { if (audio === this.audio) this.tick(); });
    for (const type of ['play', 'pause', 'ended']) audio.addEventListener(type, () => { if (audio === this.audio) this.showState(); });
    this.decks.set(v.id, d);
    this.deckRoot.append(audio);
    if (this.context) this.connect(d);
    return d;
  }

  /** Keeps the decks of the version playing and of its A/B partner (made now if needed); drops the rest. */
  keepDecks() {
    const partner = this.partner();
    if (partner) this.deck(partner);
    for (const [id, d] of this.decks) {
      if (id === this.version.id || (partner && id === partner.id)) continue;
      d.audio.pause();
      if (d.gain) d.gain.disconnect();
      d.audio.removeAttribute('src');
      d.audio.load();              // lets the browser drop its buffer and connection
      d.audio.remove();
      this.decks.delete(id);
    }
    this.abButton.hidden = !partner;
    if (partner) {
      const name = `v${partner.number}`;
      this.abButton.textContent = `A/B \u21c4 ${name}`;
      this.abButton.setAttribute('aria-label', `A/B: switch to ${name} at the same spot and loudness`);
      this.abButton.title = `Switch to ${name} at the same spot and loudness`;
    }
    this.followWithPartner();
  }

  /** Moves the paused A/B partner to the playhead, so what it buffers is what a switch will play. */
  followWithPartner() {
    const p = this.partner();
    const d = p && this.decks.get(p.id);
    if (!d || d.audio.readyState < HTMLMediaElement.HAVE_METADATA || d.audio.seeking) return;
    const t = Math.min(this.currentTime, d.audio.duration || this.currentTime);
    if (Math.abs(d.audio.currentTime - t) > PARTNER_DRIFT_S) d.audio.currentTime = t;
  }

  async play() {
    if (!this.audio) return;
    if (!this.started) {
      this.started = true;
      for (const d of this.decks.values()) d.audio.preload = 'auto';
    }
    this.ensureGraph();
    if (this.context && this.context.state === 'suspended') await this.context.resume();
    try { await this.audio.play(); } catch (e) { /* the browser wants a tap first */ }
  }

  pause() { if (this.audio) this.audio.pause(); }

  seek(t) {
    if (!this.audio) return;
    const d = this.audio.duration || (this.version && this.version.duration_s) || 0;
    this.audio.currentTime = Math.max(0, Math.min(t, d));
    this.tick();
  }

  tick() {
    const d = (this.version && this.version.duration_s) || (this.audio && this.audio.duration) || 0;
    this.time.textContent = `${clock(this.currentTime)} / ${clock(d)}`;
    this.waveform.setPosition(this.currentTime);
    this.followWithPartner();
    this.dispatchEvent(new Event('timeupdate'));
  }

  showState() {
    const playing = !!this.audio && !this.audio.paused;
    this.playButton.textContent = playing ? '❚❚' : '▶';
    this.playButton.setAttribute('aria-label', playing ? 'Pause' : 'Play');
  }

  /** Web Audio needs a user gesture to start; built on the first play. */
  ensureGraph() {
    if (this.context || !window.AudioContext) return;
    this.context = new AudioContext();
    for (const d of this.decks.values()) this.connect(d);
  }

  connect(d) {
    d.gain = this.context.createGain();
    this.context.createMediaElementSource(d.audio).connect(d.gain).connect(this.context.destination);
    d.audio.volume = 1;            // the gain node matches the loudness from now on
    d.gain.gain.value = this.gainFor(d.version);
  }

  /** Gain that brings this version down to the quietest version's integrated loudness. */
  gainFor(v) {
    const known = this.versions.map(x => x.integrated_lufs).filter(x => x != null);
    if (v.integrated_lufs == null || !known.length) return 1;
    return Math.min(1, Math.pow(10, (Math.min(...known) - v.integrated_lufs) / 20));
  }

  applyGain() {
    for (const d of this.decks.values()) {
      const g = this.gainFor(d.version);
      if (d.gain) d.gain.gain.value = g;
      else d.audio.volume = g;   // until Web Audio starts (and where there is none)
    }
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
