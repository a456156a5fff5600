/**
 * The bulk engine's progress, resource and correctness properties as target properties,
 * each with its severity class (see each checker's file for its definition).
 */
import type { TargetProperty } from '../../harness/target.ts';
import type { Violation } from '../../properties/violation.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { EngineWorld } from '../../scenario/world.ts';
import { explainedErrors } from './explained-errors.ts';
import { factsOf, type RunFacts } from './facts.ts';
import { answerOracle } from './oracle/answer-oracle.ts';
import { readYourWrites } from './oracle/read-your-writes.ts';
import { requestOracle } from './oracle/request-oracle.ts';
import { callDeadline, faultFreeSuccess, runAlive } from './progress.ts';
import { countedResources } from './resources.ts';

type EngineProperty = TargetProperty<Scenario, EngineWorld>;

function property(name: string, severity: EngineProperty['severity'], description: string, check: (f: RunFacts) => Violation[]): EngineProperty {
  return { name, severity, description, check: (run) => check(factsOf(run)) };
}

/** `call-deadline`. */
export const callDeadlineProperty = property('call-deadline', 'liveness', "a call returns more than 50 ms (virtual) after its context ended, or, when its context never ends, after the bulker's shutdown", callDeadline);
/** `run-alive`. */
export const runAliveProperty = property('run-alive', 'liveness', "the Run loop returns while its context is live (e.g. a flush slot it could not acquire), or does not return once it is cancelled", runAlive);
/** `counted-resources`. */
export const countedResourcesProperty = property('counted-resources', 'liveness', 'a counted resource (a maxPending flush slot, an apikeyLimit or connection slot) is still held at the end of the run; names the holder and the step that acquired it', countedResources);
/** `explained-errors`. */
export const explainedErrorsProperty = property('explained-errors', 'wrong-answer', 'a caller receives an error that no injected fault, cancellation, validation error, configured limit or documented engine behaviour explains', explainedErrors);
/** `fault-free-success`. */
export const faultFreeSuccessProperty = property('fault-free-success', 'wrong-answer', 'in a scenario with no fault and no bad input, a call begun 10 s (or three rounds of flush interval plus the slowest latency) before the server stops, whose context stayed live, does not succeed before it stops', faultFreeSuccess);
/** `request-oracle`. */
export const requestOracleProperty = property('request-oracle', 'wrong-answer', "a request the engine sent differs from what its calls asked for (index, id, body, refresh, retry_on_conflict, endpoint), encoded as upstream encodes it", requestOracle);
/** `answer-oracle`. */
export const answerOracleProperty = property('answer-oracle', 'wrong-answer', "a caller's answer is not Elasticsearch's answer for its own request item (multi results out of input order, another item's status, hits or id)", answerOracle);
/** `read-your-writes`. */
export const readYourWritesProperty = property('read-your-writes', 'wrong-answer', 'a successful read does not reflect a write to the same document acknowledged before the read began (nor one that may have landed since)', readYourWrites);

/** The progress, resource and correctness properties, in severity order. */
export const PROGRESS_PROPERTIES: readonly EngineProperty[] = [
  runAliveProperty,
  callDeadlineProperty,
  countedResourcesProperty,
  requestOracleProperty,
  answerOracleProperty,
  readYourWritesProperty,
  explainedErrorsProperty,
  faultFreeSuccessProperty,
];
