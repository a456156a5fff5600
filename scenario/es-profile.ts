/**
 * The fake Elasticsearch's fault profile for a scenario, as a function of virtual
 * time (brownout windows change latency and rejections while they last).
 */
import { FaultProfileSchema, type FaultProfile } from '../elasticsearch/faults/index.ts';
import { sec, type Sim } from '../sim/index.ts';
import { pm, requestFaultPerMille, type Scenario } from './schema.ts';

type EsSection = Scenario['elasticsearch'];


function profileOf(es: EsSection, latencyMs: { min: number; max: number }, reject429: number): FaultProfile {
  const minUs = Math.round(latencyMs.min * 1000);
  const maxUs = Math.round(latencyMs.max * 1000);
  // Latency in whole milliseconds keeps decision widths small (exhaustive search enumerates them).
  const latency = minUs === maxUs ? { kind: 'fixed' as const, us: minUs } : { kind: 'buckets' as const, buckets: msBuckets(minUs, maxUs) };
  return FaultProfileSchema.parse({
    latency,
    request: {
      // A brownout's rejections take what the other request faults leave of the per-mille budget.
      rejected429: Math.min(pm(reject429), 1000 - requestFaultPerMille(es, 0)),
      badGateway502Html: Math.ceil(pm(es.badGateway) / 2),
      unavailable503Html: Math.floor(pm(es.badGateway) / 2),
      reset: pm(es.connectionReset),
      hang: pm(es.hang),
      malformedBody: pm(es.malformedBody),
      wrongItemCount: pm(es.wrongItemCount),
      appliedThenReset: pm(es.appliedThenReset),
      appliedThen504Html: pm(es.appliedThen504),
      itemWithoutOp: pm(es.itemWithoutOp),
    },
    item: { conflict409: pm(es.itemConflict), rejected429: pm(es.itemRejected), unavailable503: pm(es.itemServerError) },
  });
}

/** Up to 16 equally likely latencies spread over [min, max] (exhaustive search tries each). */
function msBuckets(minUs: number, maxUs: number): { weight: number; us: number }[] {
  const n = Math.min(16, Math.max(2, Math.round((maxUs - minUs) / 1000) + 1));
  const out: { weight: number; us: number }[] = [];
  for (let i = 0; i < n; i++) out.push({ weight: 1, us: Math.round(minUs + ((maxUs - minUs) * i) / (n - 1)) });
  return out;
}

/** The profile in force at the simulation's current time. */
export function esProfile(sim: Sim, es: EsSection): () => FaultProfile {
  const base = profileOf(es, es.latencyMs, es.reject429);
  const windows = es.brownouts.map((b) => ({ from: sec(b.atS), to: sec(b.atS + b.forS), profile: profileOf(es, b.latencyMs, Math.max(es.reject429, b.reject429)) }));
  if (windows.length === 0) return () => base;
  return () => {
    const now = sim.now;
    for (const w of windows) if (now >= w.from && now < w.to) return w.profile;
    return base;
  };
}
