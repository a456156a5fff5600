/**
 * The YAML tests' stash: values saved by `set` and substituted into later steps.
 */
/** Values saved by `set` steps, substituted into later `do` arguments and expectations. */
export class Stash {
  readonly #values = new Map<string, unknown>();

  /** Saves a value. */
  set(name: string, value: unknown): void {
    this.#values.set(name, value);
  }

  /** Replaces `$name` strings (keeping the stashed type) and `${name}` inside strings, recursively. */
  resolve(v: unknown): unknown {
    if (typeof v === 'string') {
      const whole = /^\$\{?([A-Za-z_][\w.]*)\}?$/.exec(v);
      if (whole && this.#values.has(whole[1]!)) return this.#values.get(whole[1]!);
      return v.replace(/\$\{([A-Za-z_][\w.]*)\}/g, (m, n: string) => (this.#values.has(n) ? String(this.#values.get(n)) : m));
    }
    if (Array.isArray(v)) return v.map((x) => this.resolve(x));
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.resolve(x)]));
    }
    return v;
  }
}
