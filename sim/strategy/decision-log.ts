/**
 * The recorded decision stream of a run: (label, width, choice) per decision, kept in
 * typed arrays. This list is the canonical repro of a run.
 */
import { labelById, type Label } from '../label.ts';

/** One decision as stored in repro files. */
export interface Decision {
  readonly label: string;
  readonly width: number;
  readonly choice: number;
}

/** Append-only log of decisions. */
export class DecisionLog {
  private labels = new Uint16Array(256);
  private widths = new Uint32Array(256);
  private choices = new Uint32Array(256);
  /** Number of decisions recorded. */
  length = 0;

  /** Records one decision. */
  push(l: Label, width: number, choice: number): void {
    const i = this.length;
    if (i === this.labels.length) this.grow();
    this.labels[i] = l.id;
    this.widths[i] = width;
    this.choices[i] = choice;
    this.length = i + 1;
  }

  /** Decision `i`. */
  at(i: number): Decision {
    return {
      label: labelById(this.labels[i] as number).name,
      width: this.widths[i] as number,
      choice: this.choices[i] as number,
    };
  }

  /** The choice of decision `i`. */
  choiceAt(i: number): number {
    return this.choices[i] as number;
  }

  /** The width of decision `i`. */
  widthAt(i: number): number {
    return this.widths[i] as number;
  }

  /** The label id of decision `i`. */
  labelIdAt(i: number): number {
    return this.labels[i] as number;
  }

  /** All decisions, decoded. */
  toArray(): Decision[] {
    const out: Decision[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }

  private grow(): void {
    const n = this.labels.length * 2;
    const l = new Uint16Array(n);
    l.set(this.labels);
    this.labels = l;
    const w = new Uint32Array(n);
    w.set(this.widths);
    this.widths = w;
    const c = new Uint32Array(n);
    c.set(this.choices);
    this.choices = c;
  }
}
