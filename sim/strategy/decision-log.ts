/**
 * The recorded decision stream of a run: (label, width, choice) per decision, kept in
 * typed arrays. This list is the canonical repro of a run.
 */
import { chunkOf, offsetIn } from '../chunks.ts';
import { labelById, type Label } from '../label.ts';

/** One decision as stored in repro files. */
export interface Decision {
  readonly label: string;
  readonly width: number;
  readonly choice: number;
}

/** Decisions in the first chunk; chunk `k` holds `FIRST_CHUNK << k` decisions. */
const FIRST_CHUNK_BITS = 8;

/** One chunk of decisions, column by column. */
class DecisionChunk {
  readonly labels: Uint16Array;
  readonly widths: Uint32Array;
  readonly choices: Uint32Array;
  constructor(readonly size: number) {
    this.labels = new Uint16Array(size);
    this.widths = new Uint32Array(size);
    this.choices = new Uint32Array(size);
  }
}

/**
 * Append-only log of decisions, in chunks that double in size (256, 512, ...), so
 * appending never copies what is already recorded; decision `i` is found in O(1).
 */
export class DecisionLog {
  private readonly chunks: DecisionChunk[] = [new DecisionChunk(1 << FIRST_CHUNK_BITS)];
  /** The chunk being filled, and the next free slot in it. */
  private cur: DecisionChunk = this.chunks[0] as DecisionChunk;
  private curLen = 0;
  /** Number of decisions recorded. */
  length = 0;

  /** Records one decision. */
  push(l: Label, width: number, choice: number): void {
    let c = this.cur;
    let j = this.curLen;
    if (j === c.size) {
      c = new DecisionChunk(c.size * 2);
      this.chunks.push(c);
      this.cur = c;
      j = 0;
    }
    c.labels[j] = l.id;
    c.widths[j] = width;
    c.choices[j] = choice;
    this.curLen = j + 1;
    this.length++;
  }

  /** Decision `i`. */
  at(i: number): Decision {
    return {
      label: labelById(this.labelIdAt(i)).name,
      width: this.widthAt(i),
      choice: this.choiceAt(i),
    };
  }

  /** The choice of decision `i`. */
  choiceAt(i: number): number {
    const k = chunkOf(i, FIRST_CHUNK_BITS);
    return this.chunks[k]?.choices[offsetIn(i, k, FIRST_CHUNK_BITS)] as number;
  }

  /** The width of decision `i`. */
  widthAt(i: number): number {
    const k = chunkOf(i, FIRST_CHUNK_BITS);
    return this.chunks[k]?.widths[offsetIn(i, k, FIRST_CHUNK_BITS)] as number;
  }

  /** The label id of decision `i`. */
  labelIdAt(i: number): number {
    const k = chunkOf(i, FIRST_CHUNK_BITS);
    return this.chunks[k]?.labels[offsetIn(i, k, FIRST_CHUNK_BITS)] as number;
  }

  /** All decisions, decoded. */
  toArray(): Decision[] {
    const out: Decision[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }
}
