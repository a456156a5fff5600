/**
 * The fault layer's public surface: profiles, planning, application, and weighted draws.
 */
export { type Choose, drawWeighted } from './choose.ts';
export { FaultProfileSchema, HEALTHY_PROFILE, LatencySchema, type FaultProfile, type FaultProfileInput, type Latency } from './profile.ts';
export { planRequest, drawLatency, isMultiItem, type RequestPlan, type RequestOutcome } from './plan.ts';
export { applyPlan, type AppliedResult } from './apply.ts';
export { htmlErrorPage } from './html.ts';
