/**
 * Per test file: removes the temp folders its tests made with {@link testTempDir}.
 */
import { afterAll } from 'vitest';
import { removeTestTempDirs } from './temp-dirs.ts';

afterAll(removeTestTempDirs);
