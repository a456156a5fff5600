/**
 * The viewer's controller: owns the state, redraws on the next animation frame when it
 * changes, and turns clicks, drags, wheel, keys and toolbar input into state changes.
 */
import type { DocOp, TraceDoc } from '../../trace-doc-types.ts';
import { Axis } from './axis.ts';
import { byId, num } from './dom.ts';
import { Model, type Focus } from './model.ts';
import { detailsHtml, storyHtml } from './panel.ts';
import { drawPlot, LABEL_W, rowTops } from './plot.ts';
import { computeRows, type Row } from './rows.ts';
import { drawOverview, drawRuler, overviewTime } from './ruler.ts';
import { initialState, type GroupKey, type ViewState } from './state.ts';

/** What tests and the bench may read of a running viewer. */
export interface ViewerHandle {
  readonly model: Model;
  readonly state: ViewState;
  /** Task ids of the lanes in the layout (shown or scrolled away). */
  lanes(): number[];
  /** Milliseconds from navigation start to the end of the first render. */
  firstRenderMs: number;
  /** Redraws at once and returns how long it took, ms (the bench's frame time). */
  redraw(): number;
  /** Shows every lane and the whole run (the bench's worst case). */
  showEverything(): void;
}

/** The running viewer. */
export class App {
  readonly model: Model;
  readonly st: ViewState;
  private focus: Focus | null;
  private rows: Row[] = [];
  private tops: number[] = [0];
  private axis!: Axis;
  private layoutDirty = true;
  private frame = 0;
  private readonly lanesEl = byId('lanes');
  private readonly spacer = byId('spacer');
  private readonly plot = byId<SVGSVGElement>('plot');
  private readonly ruler = byId<SVGSVGElement>('ruler');
  private readonly overview = byId<SVGSVGElement>('overview');
  private overviewKey = '';
  firstRenderMs = -1;

  constructor(doc: TraceDoc) {
    this.model = new Model(doc);
    const vi = doc.failure?.violation ?? -1;
    this.focus = this.model.focus(vi);
    this.st = initialState(vi, this.focus?.t0 ?? 0, this.focus?.t1 ?? Math.max(1, this.model.endUs));
    this.bind();
    this.renderPanels();
    this.render();
  }

  /** The handle tests read. */
  handle(): ViewerHandle {
    const self = this;
    return {
      model: this.model,
      state: this.st,
      lanes: () => self.rows.flatMap((r) => (r.kind === 'task' ? [r.task] : [])),
      get firstRenderMs() {
        return self.firstRenderMs;
      },
      redraw: () => {
        const t0 = performance.now(); // determinism-ok: the viewer runs in a browser, outside any simulation
        self.render();
        return performance.now() - t0; // determinism-ok: as above
      },
      showEverything: () => {
        self.st.focusLanes = false;
        self.st.sliceOn = false;
        self.st.t0 = 0;
        self.st.t1 = Math.max(1, self.model.endUs);
        self.layoutDirty = true;
        self.render();
      },
    };
  }

  private changed(layout = false): void {
    if (layout) this.layoutDirty = true;
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private relayout(): void {
    this.rows = computeRows(this.model, this.st, this.focus);
    this.tops = rowTops(this.rows);
    const laneTasks = new Set(this.rows.flatMap((r) => (r.kind === 'task' ? [r.task] : [])));
    const ops = this.st.ops;
    const events = this.model.doc.events;
    // Steps at one instant get room of their own when they are drawn at full strength:
    // with the slice shown, the slice's steps (the dimmed rest may overlap).
    const slice = this.st.sliceOn ? (this.focus?.slice ?? null) : null;
    this.axis = new Axis(this.model.times, (s) => {
      const e = events[s];
      return e !== undefined && laneTasks.has(e.task) && ops.has(e.op) && (slice === null || slice.has(s));
    });
    this.spacer.style.height = `${this.tops[this.tops.length - 1] ?? 0}px`;
    this.layoutDirty = false;
    const total = this.model.doc.tasks.length;
    const shown = laneTasks.size;
    const banner = byId('focus-banner');
    const f = this.focus;
    banner.innerHTML =
      this.st.focusLanes && f !== null && this.st.resourceFilter.trim() === ''
        ? `Centred on ${f.resource ? `block <b>${f.resource.key}</b>` : 'the failure'}: ${shown} of ${num(total)} lanes (its tasks and causal slice) <button id="btn-all" type="button">show all lanes</button>`
        : `${shown} of ${num(total)} lanes${f !== null ? ' <button id="btn-refocus" type="button">Centre on the failure</button>' : ''}`;
  }

  /** Draws ruler, lanes and overview for the current state. */
  render(): void {
    if (this.layoutDirty) this.relayout();
    const width = this.lanesEl.clientWidth;
    const height = this.lanesEl.clientHeight;
    this.axis.setView(this.st.t0, this.st.t1, width - LABEL_W);
    const laneTasks = new Set(this.rows.flatMap((r) => (r.kind === 'task' ? [r.task] : [])));
    const shown = (s: number) => {
      const e = this.model.doc.events[s];
      return e !== undefined && laneTasks.has(e.task) && this.st.ops.has(e.op);
    };
    this.plot.setAttribute('width', String(width));
    this.plot.setAttribute('height', String(height));
    this.plot.querySelector('#plot-layer')!.innerHTML = drawPlot({ model: this.model, st: this.st, focus: this.focus, axis: this.axis, rows: this.rows, tops: this.tops, scrollTop: this.lanesEl.scrollTop, width, height });
    this.ruler.setAttribute('width', String(width));
    this.ruler.innerHTML = drawRuler(this.model, this.axis, width, shown);
    this.drawOverview(width);
    if (this.firstRenderMs < 0) {
      this.firstRenderMs = performance.now(); // determinism-ok: the viewer runs in a browser, outside any simulation
      document.body.dataset.ready = '1';
    }
  }

  private drawOverview(width: number): void {
    const key = `${width}|${this.st.violation}`;
    if (key !== this.overviewKey) {
      this.overviewKey = key;
      this.overview.setAttribute('width', String(width));
      this.overview.innerHTML = drawOverview(this.model, width, this.st, this.focus === null ? null : { t0: this.focus.t0, t1: this.focus.t1 });
    }
    const end = Math.max(1, this.model.endUs);
    const pw = width - LABEL_W;
    const xt = (t: number) => LABEL_W + (Math.min(Math.max(t, 0), end) / end) * pw;
    const w = this.overview.querySelector('#ov-window');
    w?.setAttribute('x', String(xt(this.st.t0)));
    w?.setAttribute('width', String(Math.max(3, xt(this.st.t1) - xt(this.st.t0))));
  }

  private renderPanels(): void {
    byId('story').innerHTML = storyHtml(this.model, this.focus);
    this.renderDetails();
  }

  private renderDetails(): void {
    byId('details').innerHTML = detailsHtml(this.model, this.st.selected);
    for (const li of byId('story').querySelectorAll('li[data-seq]')) {
      const on = Number((li as HTMLElement).dataset.seq) === this.st.selected;
      li.classList.toggle('sel', on);
      if (on) li.scrollIntoView({ block: 'nearest' });
    }
  }

  /** Selects an event, shows its lane, brings it into the window. */
  select(seq: number | null, reveal = false): void {
    this.st.selected = seq;
    if (seq !== null && reveal) this.reveal(seq);
    this.renderDetails();
    this.changed();
  }

  private reveal(seq: number): void {
    const e = this.model.event(seq);
    if (!this.rows.some((r) => r.kind === 'task' && r.task === e.task)) {
      this.st.pinned.add(e.task);
      const g = this.model.tasks.get(e.task)?.group;
      if (g !== undefined) this.st.collapsed.delete(g);
      this.relayout();
    }
    if (e.t < this.st.t0 || e.t > this.st.t1) {
      const half = (this.st.t1 - this.st.t0) / 2;
      this.st.t0 = e.t - half;
      this.st.t1 = e.t + half;
    }
    const i = this.rows.findIndex((r) => r.kind === 'task' && r.task === e.task);
    const top = this.tops[i] ?? 0;
    const el = this.lanesEl;
    if (top < el.scrollTop || top > el.scrollTop + el.clientHeight - 30) el.scrollTop = Math.max(0, top - el.clientHeight / 3);
  }

  private setWindow(t0: number, t1: number): void {
    const min = 1;
    if (t1 - t0 < min) [t0, t1] = [(t0 + t1) / 2 - min / 2, (t0 + t1) / 2 + min / 2];
    const pad = (t1 - t0) * 0.5;
    this.st.t0 = Math.max(t0, -pad);
    this.st.t1 = Math.min(t1, this.model.endUs + pad + 1);
    this.changed();
  }

  private zoom(factor: number, atX: number | null = null): void {
    const pw = this.lanesEl.clientWidth - LABEL_W;
    const c = atX === null ? (this.st.t0 + this.st.t1) / 2 : this.axis.timeAt(atX);
    const frac = atX === null ? 0.5 : Math.min(1, Math.max(0, atX / pw));
    const span = (this.st.t1 - this.st.t0) * factor;
    this.setWindow(c - span * frac, c + span * (1 - frac));
  }

  private pan(dxPx: number): void {
    const pw = this.lanesEl.clientWidth - LABEL_W;
    const dt = (dxPx / pw) * (this.st.t1 - this.st.t0);
    this.setWindow(this.st.t0 - dt, this.st.t1 - dt);
  }

  private setViolation(vi: number): void {
    this.st.violation = vi;
    this.focus = this.model.focus(vi);
    if (this.focus !== null) {
      this.st.t0 = this.focus.t0;
      this.st.t1 = this.focus.t1;
    }
    this.st.focusLanes = true;
    this.st.collapsed.delete('resources');
    this.st.pinned.clear();
    this.st.selected = null;
    this.renderPanels();
    this.changed(true);
  }

  private runSearch(step: 1 | -1 | 0): void {
    const q = (byId<HTMLInputElement>('q').value ?? '').trim();
    if (q !== this.st.search) {
      this.st.search = q;
      this.st.hits = this.model.search(q);
      this.st.hit = -1;
    }
    const n = this.st.hits.length;
    if (n > 0 && step !== 0) {
      this.st.hit = (this.st.hit + step + n) % n;
      this.select(this.st.hits[this.st.hit] as number, true);
    }
    byId('q-count').textContent = q === '' ? '' : n === 0 ? 'no match' : `${this.st.hit + 1 > 0 ? this.st.hit + 1 : '–'} of ${num(n)}`;
    this.changed();
  }

  private bind(): void {
    const lanes = this.lanesEl;
    lanes.addEventListener('scroll', () => this.changed(), { passive: true });
    window.addEventListener('resize', () => this.changed(true));
    let drag: { x: number; moved: boolean } | null = null;
    this.plot.addEventListener('mousedown', (ev) => {
      if (ev.offsetX > LABEL_W) drag = { x: ev.clientX, moved: false };
    });
    window.addEventListener('mousemove', (ev) => {
      if (drag === null) return;
      const dx = ev.clientX - drag.x;
      if (!drag.moved && Math.abs(dx) < 4) return;
      drag.moved = true;
      drag.x = ev.clientX;
      this.pan(dx);
    });
    window.addEventListener('mouseup', () => {
      setTimeout(() => (drag = null), 0);
    });
    const tip = byId('tip');
    this.plot.addEventListener('mousemove', (ev) => {
      const t = ev.target as Element;
      const seq = t.getAttribute('data-seq');
      const res = seq === null ? t.closest('[data-res]')?.querySelector('title')?.textContent : null;
      if (seq === null && !res) {
        tip.style.display = 'none';
        return;
      }
      if (seq !== null) {
        const e = this.model.event(Number(seq));
        tip.textContent = `${this.model.names.taskName(e.task)} · step ${e.step} · ${(e.t / 1e6).toFixed(6)}s\n${this.model.describe(e.seq)}`;
      } else tip.textContent = res ?? '';
      tip.style.display = 'block';
      tip.style.left = `${Math.min(ev.clientX + 12, window.innerWidth - 540)}px`;
      tip.style.top = `${ev.clientY + 14}px`;
    });
    this.plot.addEventListener('mouseleave', () => (tip.style.display = 'none'));
    this.plot.addEventListener('click', (ev) => {
      if (drag?.moved) return;
      const t = ev.target as Element;
      const group = t.closest('[data-group]')?.getAttribute('data-group');
      if (group) {
        const g = group as GroupKey;
        if (this.st.collapsed.has(g)) this.st.collapsed.delete(g);
        else this.st.collapsed.add(g);
        return this.changed(true);
      }
      const seq = t.closest('[data-seq]')?.getAttribute('data-seq');
      if (seq) return this.select(Number(seq));
      const first = t.closest('[data-first]')?.getAttribute('data-first');
      if (first) return this.select(Number(first));
    });
    lanes.addEventListener(
      'wheel',
      (ev) => {
        const x = ev.clientX - lanes.getBoundingClientRect().left - LABEL_W;
        if (ev.ctrlKey || ev.metaKey) {
          ev.preventDefault();
          this.zoom(ev.deltaY > 0 ? 1.25 : 0.8, x);
        } else if (ev.shiftKey || Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) {
          ev.preventDefault();
          this.pan(-(ev.shiftKey ? ev.deltaY : ev.deltaX));
        }
      },
      { passive: false },
    );
    this.overview.addEventListener('click', (ev) => {
      const t = overviewTime(this.model, this.overview.clientWidth || this.lanesEl.clientWidth, ev.offsetX);
      const half = (this.st.t1 - this.st.t0) / 2;
      this.setWindow(t - half, t + half);
    });
    document.addEventListener('keydown', (ev) => {
      if ((ev.target as Element).closest('input, select, textarea')) return;
      const k = ev.key;
      if (k === 'w' || k === '+' || k === '=') this.zoom(0.7);
      else if (k === 's' || k === '-') this.zoom(1.4);
      else if (k === 'a') this.pan(200);
      else if (k === 'd') this.pan(-200);
      else if (k === 'f' && this.focus !== null) this.setWindow(this.focus.t0, this.focus.t1);
    });
    byId('story').addEventListener('click', (ev) => {
      const seq = (ev.target as Element).closest('[data-seq]')?.getAttribute('data-seq');
      if (seq) this.select(Number(seq), true);
    });
    byId('details').addEventListener('click', (ev) => {
      const a = (ev.target as Element).closest('a[data-seq]');
      if (a === null) return;
      ev.preventDefault();
      this.select(Number(a.getAttribute('data-seq')), true);
    });
    byId('focus-banner').addEventListener('click', (ev) => {
      const id = (ev.target as Element).id;
      if (id === 'btn-all') {
        this.st.focusLanes = false;
        // Every block id would push the task lanes off the screen: their group starts folded.
        this.st.collapsed.add('resources');
        this.changed(true);
      } else if (id === 'btn-refocus') this.setViolation(this.st.violation);
    });
    const toggle = (id: string, get: () => boolean, set: (v: boolean) => void, layout: boolean) => {
      const b = byId<HTMLButtonElement>(id);
      b.setAttribute('aria-pressed', String(get()));
      b.addEventListener('click', () => {
        set(!get());
        b.setAttribute('aria-pressed', String(get()));
        this.changed(layout);
      });
    };
    toggle('btn-slice', () => this.st.sliceOn, (v) => (this.st.sliceOn = v), true);
    byId<HTMLInputElement>('f-task').addEventListener('input', (ev) => {
      this.st.taskFilter = (ev.target as HTMLInputElement).value;
      this.st.pinned.clear();
      this.changed(true);
    });
    byId<HTMLInputElement>('f-res').addEventListener('input', (ev) => {
      this.st.resourceFilter = (ev.target as HTMLInputElement).value;
      this.changed(true);
    });
    for (const c of document.querySelectorAll<HTMLInputElement>('input[data-op]')) {
      c.addEventListener('change', () => {
        const op = c.dataset.op as DocOp;
        if (c.checked) this.st.ops.add(op);
        else this.st.ops.delete(op);
        this.changed(true);
      });
    }
    byId('f-time').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const from = Number(byId<HTMLInputElement>('f-from').value);
      const to = Number(byId<HTMLInputElement>('f-to').value);
      if (Number.isFinite(from) && Number.isFinite(to) && to > from) this.setWindow(from * 1e6, to * 1e6);
    });
    byId('f-search').addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.runSearch(1);
    });
    byId<HTMLInputElement>('q').addEventListener('input', () => this.runSearch(0));
    byId('q-next').addEventListener('click', () => this.runSearch(1));
    byId('q-prev').addEventListener('click', () => this.runSearch(-1));
    byId('z-in').addEventListener('click', () => this.zoom(0.6));
    byId('z-out').addEventListener('click', () => this.zoom(1.6));
    byId('z-fail').addEventListener('click', () => (this.focus ? this.setWindow(this.focus.t0, this.focus.t1) : undefined));
    byId('z-all').addEventListener('click', () => this.setWindow(0, this.model.endUs));
    document.getElementById('viol')?.addEventListener('change', (ev) => this.setViolation(Number((ev.target as HTMLSelectElement).value)));
  }
}
