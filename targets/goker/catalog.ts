/**
 * The GoKer kernels of issue #16: every kernel's GoBench id, group, category and
 * subcategory, and for a ported kernel a lazy loader of its target module, so the
 * framework can list them without importing all of them. A kernel that is not ported
 * (none today) says why.
 */
import type { AnyTarget } from '../../harness/target.ts';

/** GoBench's two groups. */
export type KernelGroup = 'blocking' | 'non-blocking';

/** GoBench's categories (`gobench/configures/goker/*.json`, field `type`). */
export type KernelCategory = 'Communication Deadlock' | 'Mixed Deadlock' | 'Resource Deadlock' | 'Go-Specific' | 'Traditional';

/** One GoKer kernel. */
export interface KernelEntry {
  /** GoBench id, `<project>_<id>`. */
  readonly id: string;
  readonly group: KernelGroup;
  readonly category: KernelCategory;
  /** GoBench's subcategory (field `subtype`), e.g. `Double locking`. */
  readonly subcategory: string;
  /** Loads the target module (ported kernels only). */
  readonly load?: () => Promise<{ readonly default: AnyTarget }>;
  /**
   * The core property the buggy variant is expected to fail (default `no-stuck-tasks`, the
   * blocking kernels'): `data-race` or `no-panic` for most non-blocking ones.
   */
  readonly property?: string;
  /** Why the kernel is not ported yet, or cannot be modelled. */
  readonly notPorted?: string;
  /**
   * Schedules of the fixed variant within preemption bound {@link EXPLORE_BOUND}, as
   * measured by exhaustive exploration; absent where the space exceeds
   * {@link EXPLORE_BUDGET} schedules.
   */
  readonly space?: number;
  /**
   * Where the buggy variant's schedule is rarer than seeds 0..199 find: the last PCT seed the
   * test suite sweeps to find it (`npm run goker`'s table counts seeds 0..199 only, so it
   * reports such a kernel as not found).
   */
  readonly lastSeed?: number;
  /** Why exhaustive exploration does not apply, where it does not. */
  readonly explore?: string;
  /**
   * A pattern the buggy variant's stuck goroutines must match for the failure to be the
   * upstream bug, where the GoKer extraction also has a second, unrelated blocking bug
   * (tests check that the upstream one is reached).
   */
  readonly signature?: RegExp;
  /**
   * The core properties the buggy variant's bug shows as, where more than the suite's
   * default (a race on a Go map is first Go's fatal `concurrent map read and map write`,
   * a `no-panic`; a race on a nil field may end in a nil dereference).
   */
  readonly shows?: readonly string[];
}

/** Preemption bound of the exhaustive exploration of fixed variants. */
export const EXPLORE_BOUND = 2;

/** Schedule budget of the exhaustive exploration in `npm run goker`. */
export const EXPLORE_BUDGET = 5_000;

/** Every kernel, in GoBench category order. */
export const KERNELS: readonly KernelEntry[] = [
  { id: 'cockroach_2448', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel', load: () => import('./blocking/cockroach_2448.ts') },
  { id: 'cockroach_24808', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel', load: () => import('./blocking/cockroach_24808.ts'), space: 2 },
  { id: 'cockroach_35073', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel', load: () => import('./blocking/cockroach_35073.ts'), space: 112 },
  { id: 'cockroach_35931', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel', load: () => import('./blocking/cockroach_35931.ts'), space: 328 },
  { id: 'grpc_1275', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel', load: () => import('./blocking/grpc_1275.ts'), space: 2 },
  { id: 'grpc_1424', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel', load: () => import('./blocking/grpc_1424.ts'), space: 1 },
  { id: 'istio_17860', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel', load: () => import('./blocking/istio_17860.ts'), space: 1027 },
  { id: 'kubernetes_38669', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel', load: () => import('./blocking/kubernetes_38669.ts'), space: 10 },
  { id: 'kubernetes_70277', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel', load: () => import('./blocking/kubernetes_70277.ts'), space: 26 },
  { id: 'moby_21233', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel', load: () => import('./blocking/moby_21233.ts') },
  { id: 'moby_4395', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel', load: () => import('./blocking/moby_4395.ts'), space: 1 },
  { id: 'syncthing_5795', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel', load: () => import('./blocking/syncthing_5795.ts') },
  { id: 'kubernetes_11298', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel & Condition Variable', load: () => import('./blocking/kubernetes_11298.ts'), explore: 'its goroutines spin while they wait for a timer, so the clock moves only by time slips, and a schedule without one never ends' },
  { id: 'moby_27782', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel & Condition Variable', load: () => import('./blocking/moby_27782.ts'), space: 964 },
  { id: 'cockroach_10790', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel & Context', load: () => import('./blocking/cockroach_10790.ts') },
  { id: 'cockroach_13197', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel & Context', load: () => import('./blocking/cockroach_13197.ts'), space: 1 },
  { id: 'cockroach_18101', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel & Context', load: () => import('./blocking/cockroach_18101.ts'), space: 595 },
  { id: 'grpc_862', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel & Context', load: () => import('./blocking/grpc_862.ts'), space: 10 },
  { id: 'kubernetes_25331', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel & Context', load: () => import('./blocking/kubernetes_25331.ts'), space: 4 },
  { id: 'moby_33781', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Channel & Context', load: () => import('./blocking/moby_33781.ts'), space: 176 },
  { id: 'moby_29733', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Condition Variable', load: () => import('./blocking/moby_29733.ts'), space: 1 },
  { id: 'moby_30408', group: 'blocking', category: 'Communication Deadlock', subcategory: 'Condition Variable', load: () => import('./blocking/moby_30408.ts'), space: 1 },
  { id: 'etcd_6873', group: 'blocking', category: 'Mixed Deadlock', subcategory: 'Channel & Lock', load: () => import('./blocking/etcd_6873.ts'), space: 39 },
  { id: 'etcd_7443', group: 'blocking', category: 'Mixed Deadlock', subcategory: 'Channel & Lock', load: () => import('./blocking/etcd_7443.ts'), lastSeed: 1_999 },
  { id: 'etcd_7902', group: 'blocking', category: 'Mixed Deadlock', subcategory: 'Channel & Lock', load: () => import('./blocking/etcd_7902.ts') },
  { id: 'grpc_1353', group: 'blocking', category: 'Mixed Deadlock', subcategory: 'Channel & Lock', load: () => import('./blocking/grpc_1353.ts') },
  { id: 'istio_16224', group: 'blocking', category: 'Mixed Deadlock', subcategory: 'Channel & Lock', load: () => import('./blocking/istio_16224.ts'), space: 18 },
  { id: 'kubernetes_10182', group: 'blocking', category: 'Mixed Deadlock', subcategory: 'Channel & Lock', load: () => import('./blocking/kubernetes_10182.ts') },
  { id: 'kubernetes_26980', group: 'blocking', category: 'Mixed Deadlock', subcategory: 'Channel & Lock', load: () => import('./blocking/kubernetes_26980.ts'), space: 24 },
  { id: 'kubernetes_6632', group: 'blocking', category: 'Mixed Deadlock', subcategory: 'Channel & Lock', load: () => import('./blocking/kubernetes_6632.ts'), space: 2619 },
  { id: 'serving_2137', group: 'blocking', category: 'Mixed Deadlock', subcategory: 'Channel & Lock', load: () => import('./blocking/serving_2137.ts'), space: 536 },
  { id: 'cockroach_1055', group: 'blocking', category: 'Mixed Deadlock', subcategory: 'Channel & WaitGroup', load: () => import('./blocking/cockroach_1055.ts'), signature: /stopper\d\.mu\.wait/ },
  { id: 'cockroach_1462', group: 'blocking', category: 'Mixed Deadlock', subcategory: 'Channel & WaitGroup', load: () => import('./blocking/cockroach_1462.ts') },
  { id: 'moby_25384', group: 'blocking', category: 'Mixed Deadlock', subcategory: 'Misuse WaitGroup', load: () => import('./blocking/moby_25384.ts'), space: 20 },
  { id: 'cockroach_10214', group: 'blocking', category: 'Resource Deadlock', subcategory: 'AB-BA deadlock', load: () => import('./blocking/cockroach_10214.ts'), space: 222 },
  { id: 'cockroach_7504', group: 'blocking', category: 'Resource Deadlock', subcategory: 'AB-BA deadlock', load: () => import('./blocking/cockroach_7504.ts'), space: 205 },
  { id: 'kubernetes_13135', group: 'blocking', category: 'Resource Deadlock', subcategory: 'AB-BA deadlock', load: () => import('./blocking/kubernetes_13135.ts') },
  { id: 'kubernetes_30872', group: 'blocking', category: 'Resource Deadlock', subcategory: 'AB-BA deadlock', load: () => import('./blocking/kubernetes_30872.ts') },
  { id: 'cockroach_584', group: 'blocking', category: 'Resource Deadlock', subcategory: 'Double locking', load: () => import('./blocking/cockroach_584.ts'), space: 1 },
  { id: 'cockroach_9935', group: 'blocking', category: 'Resource Deadlock', subcategory: 'Double locking', load: () => import('./blocking/cockroach_9935.ts'), space: 8 },
  { id: 'etcd_5509', group: 'blocking', category: 'Resource Deadlock', subcategory: 'Double locking', load: () => import('./blocking/etcd_5509.ts'), space: 84 },
  { id: 'etcd_6708', group: 'blocking', category: 'Resource Deadlock', subcategory: 'Double locking', load: () => import('./blocking/etcd_6708.ts'), space: 1 },
  { id: 'grpc_795', group: 'blocking', category: 'Resource Deadlock', subcategory: 'Double locking', load: () => import('./blocking/grpc_795.ts'), space: 29 },
  { id: 'hugo_5379', group: 'blocking', category: 'Resource Deadlock', subcategory: 'Double locking', load: () => import('./blocking/hugo_5379.ts') },
  { id: 'moby_36114', group: 'blocking', category: 'Resource Deadlock', subcategory: 'Double locking', load: () => import('./blocking/moby_36114.ts'), space: 1 },
  { id: 'moby_7559', group: 'blocking', category: 'Resource Deadlock', subcategory: 'Double locking', load: () => import('./blocking/moby_7559.ts'), space: 1 },
  { id: 'cockroach_16167', group: 'blocking', category: 'Resource Deadlock', subcategory: 'RWR deadlock', load: () => import('./blocking/cockroach_16167.ts'), space: 9 },
  { id: 'cockroach_3710', group: 'blocking', category: 'Resource Deadlock', subcategory: 'RWR deadlock', load: () => import('./blocking/cockroach_3710.ts'), space: 1084 },
  { id: 'kubernetes_58107', group: 'blocking', category: 'Resource Deadlock', subcategory: 'RWR deadlock', load: () => import('./blocking/kubernetes_58107.ts'), signature: /workerLock\.rlock/ },
  { id: 'kubernetes_62464', group: 'blocking', category: 'Resource Deadlock', subcategory: 'RWR deadlock', load: () => import('./blocking/kubernetes_62464.ts'), space: 390 },
  { id: 'cockroach_35501', group: 'non-blocking', category: 'Go-Specific', subcategory: 'Anonymous function', load: () => import('./nonblocking/cockroach_35501.ts'), property: 'data-race' },
  { id: 'kubernetes_70892', group: 'non-blocking', category: 'Go-Specific', subcategory: 'Anonymous function', load: () => import('./nonblocking/kubernetes_70892.ts'), property: 'data-race', space: 102 },
  { id: 'moby_27037', group: 'non-blocking', category: 'Go-Specific', subcategory: 'Anonymous function', load: () => import('./nonblocking/moby_27037.ts'), property: 'data-race' },
  { id: 'etcd_3077', group: 'non-blocking', category: 'Go-Specific', subcategory: 'Misuse channel', load: () => import('./nonblocking/etcd_3077.ts'), property: 'data-race', space: 10 },
  { id: 'grpc_1687', group: 'non-blocking', category: 'Go-Specific', subcategory: 'Misuse channel', load: () => import('./nonblocking/grpc_1687.ts'), property: 'no-panic', space: 5 },
  { id: 'istio_8967', group: 'non-blocking', category: 'Go-Specific', subcategory: 'Misuse channel', load: () => import('./nonblocking/istio_8967.ts'), property: 'data-race', space: 4 },
  { id: 'serving_3068', group: 'non-blocking', category: 'Go-Specific', subcategory: 'Misuse channel', load: () => import('./nonblocking/serving_3068.ts'), property: 'no-panic', space: 1679 },
  { id: 'serving_4908', group: 'non-blocking', category: 'Go-Specific', subcategory: 'Testing library', load: () => import('./nonblocking/serving_4908.ts'), property: 'data-race', space: 182 },
  { id: 'serving_6171', group: 'non-blocking', category: 'Go-Specific', subcategory: 'Testing library', load: () => import('./nonblocking/serving_6171.ts'), property: 'no-panic', space: 72 },
  { id: 'cockroach_4407', group: 'non-blocking', category: 'Go-Specific', subcategory: 'WaitGroup', load: () => import('./nonblocking/cockroach_4407.ts'), property: 'data-race' },
  { id: 'kubernetes_13058', group: 'non-blocking', category: 'Go-Specific', subcategory: 'WaitGroup', load: () => import('./nonblocking/kubernetes_13058.ts'), property: 'no-panic', space: 2886 },
  { id: 'etcd_4876', group: 'non-blocking', category: 'Traditional', subcategory: 'Data race', load: () => import('./nonblocking/etcd_4876.ts'), property: 'data-race', space: 34 },
  { id: 'etcd_8194', group: 'non-blocking', category: 'Traditional', subcategory: 'Data race', load: () => import('./nonblocking/etcd_8194.ts'), property: 'data-race', space: 76 },
  { id: 'grpc_1748', group: 'non-blocking', category: 'Traditional', subcategory: 'Data race', load: () => import('./nonblocking/grpc_1748.ts'), property: 'data-race' },
  { id: 'grpc_3090', group: 'non-blocking', category: 'Traditional', subcategory: 'Data race', load: () => import('./nonblocking/grpc_3090.ts'), property: 'data-race', shows: ['data-race', 'no-panic'], space: 24 },
  { id: 'istio_8144', group: 'non-blocking', category: 'Traditional', subcategory: 'Data race', load: () => import('./nonblocking/istio_8144.ts'), property: 'data-race', space: 145 },
  { id: 'istio_8214', group: 'non-blocking', category: 'Traditional', subcategory: 'Data race', load: () => import('./nonblocking/istio_8214.ts'), property: 'data-race', space: 120 },
  { id: 'kubernetes_77796', group: 'non-blocking', category: 'Traditional', subcategory: 'Data race', load: () => import('./nonblocking/kubernetes_77796.ts'), property: 'data-race', space: 20 },
  { id: 'kubernetes_79631', group: 'non-blocking', category: 'Traditional', subcategory: 'Data race', load: () => import('./nonblocking/kubernetes_79631.ts'), property: 'no-panic', shows: ['no-panic', 'data-race'], space: 93 },
  { id: 'kubernetes_81091', group: 'non-blocking', category: 'Traditional', subcategory: 'Data race', load: () => import('./nonblocking/kubernetes_81091.ts'), property: 'data-race', space: 276 },
  { id: 'kubernetes_81148', group: 'non-blocking', category: 'Traditional', subcategory: 'Data race', load: () => import('./nonblocking/kubernetes_81148.ts'), property: 'data-race', space: 109 },
  { id: 'kubernetes_82550', group: 'non-blocking', category: 'Traditional', subcategory: 'Data race', load: () => import('./nonblocking/kubernetes_82550.ts'), property: 'data-race' },
  { id: 'kubernetes_88331', group: 'non-blocking', category: 'Traditional', subcategory: 'Data race', load: () => import('./nonblocking/kubernetes_88331.ts'), property: 'data-race', space: 93 },
  { id: 'serving_3148', group: 'non-blocking', category: 'Traditional', subcategory: 'Data race', load: () => import('./nonblocking/serving_3148.ts'), property: 'data-race', space: 47 },
  { id: 'serving_6472', group: 'non-blocking', category: 'Traditional', subcategory: 'Data race', load: () => import('./nonblocking/serving_6472.ts'), property: 'data-race', space: 1951 },
  { id: 'moby_18412', group: 'non-blocking', category: 'Traditional', subcategory: 'Order violation', load: () => import('./nonblocking/moby_18412.ts'), property: 'data-race', space: 102 },
];

/** The kernels with a target module. */
export const PORTED: readonly KernelEntry[] = KERNELS.filter((k) => k.load !== undefined);

/** The kernel with a given id, or undefined. */
export function kernel(id: string): KernelEntry | undefined {
  return KERNELS.find((k) => k.id === id);
}

/** Loads a ported kernel's target, checking that it is the one the catalog names. */
export async function loadKernel(k: KernelEntry): Promise<AnyTarget> {
  if (k.load === undefined) throw new Error(`GoKer kernel ${k.id} is not ported: ${k.notPorted ?? 'no loader'}`);
  const t = (await k.load()).default;
  if (t.name !== `goker/${k.id}`) throw new Error(`GoKer kernel ${k.id} loads target ${t.name}`);
  return t;
}
