/**
 * The fuzz suite: four fast-check properties (argument vectors, scenario files, repro
 * files, output paths), each running `dst` in process on one input in a fresh world and
 * holding the outcome to the contract (sandbox.ts). `npm test` runs it at scale 1; `npm
 * run acceptance` at scale 100, reporting how many inputs were tried.
 */
import fc from 'fast-check';
import { runCli } from '../testing/run-cli.ts';
import { argvCase, outputCase, reproCase, scenarioCase, type FuzzCase } from './inputs.ts';
import { checkContract, dropSandbox, makeSandbox } from './sandbox.ts';

/** Inputs per property at scale 1 (sized so the suite takes 20–40 s of `npm test` on 2 cores). */
export const BASE_RUNS: Readonly<Record<string, number>> = { 'argument vectors': 120, 'scenario files': 90, 'repro files': 90, 'output paths': 90 };

const ARBITRARIES: Readonly<Record<string, fc.Arbitrary<FuzzCase>>> = { 'argument vectors': argvCase, 'scenario files': scenarioCase, 'repro files': reproCase, 'output paths': outputCase };

/** Runs one input in its own world and checks the contract; throws on a violation. */
export async function runOne(c: FuzzCase): Promise<void> {
  const box = makeSandbox(c.plant);
  try {
    const r = await runCli(c.argv(box));
    checkContract(r, box);
  } finally {
    dropSandbox(box);
  }
}

/** One property's result. */
export interface FuzzResult {
  readonly name: string;
  readonly inputs: number;
  readonly ms: number;
}

/** Runs one property at `scale` (inputs = its base × scale); fast-check shrinks and throws on a counterexample. */
export async function fuzzProperty(name: string, scale: number, seed = 4711): Promise<FuzzResult> {
  const arb = ARBITRARIES[name];
  const base = BASE_RUNS[name];
  if (arb === undefined || base === undefined) throw new Error(`no fuzz property ${name}`);
  let inputs = 0;
  const t0 = performance.now(); // determinism-ok: timing the suite, outside any simulation
  await fc.assert(
    fc.asyncProperty(arb, async (c) => {
      inputs++;
      await runOne(c);
    }),
    { numRuns: base * scale, seed, endOnFailure: true },
  );
  return { name, inputs, ms: performance.now() - t0 }; // determinism-ok: timing the suite
}

/** The names of the properties, in running order. */
export const PROPERTY_NAMES = Object.keys(BASE_RUNS);
