/**
 * The runner's pieces: request mapping, assertions, skip rules, and the CLI's help.
 */
import { describe, expect, it } from 'vitest';
import { buildRequest } from './api-spec.ts';
import { commentsRegex, valueAt } from './assertions.ts';
import { hasClusterFeature, versionInRanges } from './skip.ts';
import { HELP, parseArgs } from './cli.ts';

describe('conformance runner pieces', () => {
  it('maps do-calls like the official client', () => {
    expect(buildRequest('index', { index: 'a b', id: 1, refresh: '', body: { x: 1 } })).toEqual({ req: { method: 'PUT', path: '/a%20b/_doc/1', query: { refresh: '' }, body: '{"x":1}' }, boolean: false, ignore: [] });
    expect(buildRequest('bulk', { body: [{ index: {} }, '{"a":1}'] })).toMatchObject({ req: { path: '/_bulk', body: '{"index":{}}\n{"a":1}\n' } });
    expect(buildRequest('get', { index: 'a' })).toEqual({ paramError: 'missing required parameter [id]' });
    expect(buildRequest('delete', { index: 'a', id: '1', ignore: 404 })).toMatchObject({ ignore: [404], req: { query: {} } });
  });
  it('paths, regexes, versions, flags', () => {
    expect(valueAt({ a: [{ 'b.c': 1 }] }, 'a.0.b\\.c')).toBe(1);
    expect(commentsRegex(' no . such . index # comment\n').test('no such index')).toBe(true);
    expect(versionInRanges(' - 6.99.99')).toBe(false);
    expect(versionInRanges('all')).toBe(true);
    expect(hasClusterFeature('gte_v8.15.1')).toBe(true);
    expect(hasClusterFeature('gte_v10.0.0')).toBe(false);
    expect(parseArgs(['--dir'])).toHaveProperty('error');
    expect(parseArgs(['--x'])).toHaveProperty('error');
    expect(parseArgs(['--dir', 'd', '--json'])).toEqual({ dir: 'd', json: true });
    expect(parseArgs(['--help'])).toEqual({ help: true });
    expect(parseArgs(['-h'])).toEqual({ help: true });
    expect(parseArgs(['--help', '--dir', 'd'])).toHaveProperty('error');
  });
  it('--help documents the exit codes', () => {
    expect(HELP).toContain('usage: es-conformance --dir DIR [--json]');
    expect(HELP).toContain('  0  every section that ran passed, or failed as a known failure');
    expect(HELP).toContain('  1  a section failed that is not a known failure');
    expect(HELP).toContain('  2  bad input');
  });
});
