// The waveform: min/max peaks drawn on a canvas (the played part in the accent colour), comment
// markers as real elements over it (clickable, findable), tap or click to seek, drag to select a range.
import { el, clock } from '/assets/api.js';

const DRAG_PX = 8;

export class Waveform extends EventTarget {
  /** @param container the #waveform element; @param fetchPeaks (zoom) => Promise<ArrayBuffer> of an audiowaveform .dat */
  constructor(container) {
    super();
    this.container = container;
    container.classList.add('waveform');
    this.canvas = el('canvas', { 'aria-hidden': 'true' });
    this.selection = el('div', { class: 'waveform-selection', hidden: true });
    this.markerLayer = el('div', { class: 'waveform-markers' });
    this.status = el('p', { class: 'waveform-status muted' });
    container.replaceChildren(this.canvas, this.selection, this.markerLayer, this.status);
    this.peaks = null;
    this.duration = 0;
    this.position = 0;
    this.markers = [];
    this.onPointer();
    new ResizeObserver(() => this.draw()).observe(container);
  }

  /** Peaks from an audiowaveform .dat (version 2, 8-bit) for a file of `duration` seconds. */
  show(dat, duration) {
    const v = new DataView(dat);
    const channels = v.getInt32(20, true);
    const length = v.getUint32(16, true);
    this.peaks = { channels, length, data: new Int8Array(dat, 24, length * channels * 2) };
    this.duration = duration;
    this.status.textContent = '';
    this.draw();
    this.placeMarkers();
  }

  clear(message) {
    this.peaks = null;
    this.status.textContent = message || '';
    this.draw();
  }

  setPosition(seconds) {
    this.position = seconds;
    this.draw();
  }

  /** [{id, start, end|null, label}]: drawn as .comment-marker buttons over the waveform. */
  setMarkers(markers) {
    this.markers = markers || [];
    this.placeMarkers();
  }

  placeMarkers() {
    const d = this.duration || 1;
    this.markerLayer.replaceChildren(...this.markers.map(m => {
      const range = m.end != null && m.end > m.start;
      const b = el('button', {
        type: 'button', class: 'comment-marker' + (range ? ' range' : ''), 'data-id': m.id,
        title: `${clock(m.start)}${range ? '–' + clock(m.end) : ''} ${m.label || ''}`.trim(),
        'aria-label': `Comment at ${clock(m.start)}: ${m.label || ''}`,
      });
      b.style.left = `${Math.min(100, (100 * m.start) / d)}%`;
      if (range) b.style.width = `${Math.max(0.5, (100 * (Math.min(m.end, d) - m.start)) / d)}%`;
      b.addEventListener('click', e => {
        e.stopPropagation();
        this.dispatchEvent(new CustomEvent('seek', { detail: { time: m.start } }));
        this.dispatchEvent(new CustomEvent('markerclick', { detail: { id: m.id } }));
      });
      b.addEventListener('pointerdown', e => e.stopPropagation());
      return b;
    }));
  }

  draw() {
    const c = this.canvas, w = this.container.clientWidth, h = c.clientHeight || 120;
    const ratio = window.devicePixelRatio || 1;
    c.width = Math.max(1, Math.round(w * ratio));
    c.height = Math.max(1, Math.round(h * ratio));
    const g = c.getContext('2d');
    g.clearRect(0, 0, c.width, c.height);
    if (!this.peaks) return;
    const css = getComputedStyle(this.container);
    const wave = css.getPropertyValue('--wave').trim() || '#6f8fb8';
    const played = css.getPropertyValue('--played').trim() || '#f2b84b';
    const { channels, length, data } = this.peaks;
    const lanes = Math.min(channels, 2), laneH = c.height / lanes;
    const playedX = this.duration ? (this.position / this.duration) * c.width : 0;
    for (let x = 0; x < c.width; x++) {
      const from = Math.floor((x * length) / c.width), to = Math.max(from + 1, Math.floor(((x + 1) * length) / c.width));
      g.fillStyle = x < playedX ? played : wave;
      for (let ch = 0; ch < lanes; ch++) {
        let lo = 127, hi = -128;
        for (let p = from; p < to && p < length; p++) {
          const i = (p * channels + ch) * 2;
          if (data[i] < lo) lo = data[i];
          if (data[i + 1] > hi) hi = data[i + 1];
        }
        if (hi < lo) continue;
        const mid = laneH * ch + laneH / 2, scale = laneH / 2 / 128;
        const top = mid - hi * scale, bottom = mid - lo * scale;
        g.fillRect(x, top, 1, Math.max(1, bottom - top));
      }
    }
  }

  timeAt(clientX) {
    const r = this.container.getBoundingClientRect();
    return Math.max(0, Math.min(1, (clientX - r.left) / r.width)) * this.duration;
  }

  onPointer() {
    let down = null;
    const showSelection = (a, b) => {
      const r = this.container.getBoundingClientRect();
      const left = Math.min(a, b) - r.left, width = Math.abs(b - a);
      this.selection.hidden = false;
      this.selection.style.left = `${left}px`;
      this.selection.style.width = `${width}px`;
    };
    this.container.addEventListener('pointerdown', e => {
      if (!this.duration) return;
      down = { x: e.clientX, dragging: false };
      this.container.setPointerCapture(e.pointerId);
    });
    this.container.addEventListener('pointermove', e => {
      if (!down) return;
      if (!down.dragging && Math.abs(e.clientX - down.x) > DRAG_PX) down.dragging = true;
      if (down.dragging) showSelection(down.x, e.clientX);
    });
    const finish = e => {
      if (!down) return;
      const start = this.timeAt(Math.min(down.x, e.clientX)), end = this.timeAt(Math.max(down.x, e.clientX));
      if (down.dragging) this.dispatchEvent(new CustomEvent('rangeselect', { detail: { start, end } }));
      else {
        this.selection.hidden = true;
        this.dispatchEvent(new CustomEvent('seek', { detail: { time: this.timeAt(e.clientX) } }));
      }
      down = null;
    };
    this.container.addEventListener('pointerup', finish);
    this.container.addEventListener('pointercancel', () => { down = null; });
  }

  clearSelection() { this.selection.hidden = true; }
}
