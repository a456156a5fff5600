/**
 * What the model knowingly does not do, in one list (rendered in the README's "Known
 * gaps" section; a test keeps the two in step). Each entry says where the gap is, what
 * is missing, and why; an upstream test case that cannot be reproduced is listed here
 * rather than kept as an empty skipped test.
 */

/** One known gap. */
export interface KnownGap {
  /** Short stable id. */
  readonly id: string;
  /** Where it shows: the upstream test or behaviour concerned. */
  readonly where: string;
  /** What the model does not do. */
  readonly what: string;
  /** Why. */
  readonly why: string;
}

/** Every known gap. */
export const KNOWN_GAPS: readonly KnownGap[] = [
  {
    id: 'invalid-utf8-index',
    where: 'TestBulkCreate (spec §7.6): an index name with invalid UTF-8 → 400 x_content_parse_exception',
    what: 'the case is not reproduced',
    why: 'request bodies are JS strings: the fake cannot receive invalid UTF-8 bytes, and it accepts lone surrogates',
  },
  {
    id: 'invalid-utf8-body',
    where: 'TestBulkCreateBody (spec §7.6): a body value with invalid UTF-8 → 400 document_parsing_exception',
    what: 'the case is not reproduced',
    why: 'request bodies are JS strings: the fake cannot receive invalid UTF-8 bytes, and it accepts lone surrogates',
  },
  {
    id: 'numeric-overflow',
    where: 'TestBulkCreateBody (spec §7.6): 99999999999999999999 in a body → 400 document_parsing_exception',
    what: 'the fake accepts the value',
    why: 'the fake maps any integer as a long without an overflow check',
  },
  {
    id: 'goker-kubernetes_11298-explore',
    where: 'GoKer kubernetes_11298 (fixed variant): exhaustive exploration',
    what: 'the fixed variant is checked by random walk and PCT over 200 seeds, not exhausted',
    why: 'its goroutines spin while they wait for a timer, so the clock moves only by time slips, and a schedule without one never ends',
  },
];
