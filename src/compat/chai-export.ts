import { loadedChai } from './chai-chains.js';
import { readThrough } from './read-through.js';

type Chai = typeof import('chai');

/**
 * `import { chai } from 'vitest'`: the chai whose Assertion is behind the thread's `expect` in a
 * Vitest file, for its plugin API (`chai.use`, `chai.util.addMethod(chai.Assertion.prototype, …)`).
 * chai is loaded before a Vitest file runs, after the test API is imported, so the export reads
 * through to it.
 */
export const chai = new Proxy({}, readThrough(loadedChai)) as Chai;
