import type { Mapping } from './foreign-shared.js';

/**
 * jest-fixed-jsdom (the environment msw's guide gives Jest users): Jest's jsdom with Node's own
 * fetch, streams, TextEncoder, URL and structuredClone on the window, and no `browser` export
 * condition (its customExportConditions is [''] whatever the config says; Jest 30 still adds
 * `node`). Read from its 0.0.11 source; ptest never loads the package.
 */
export const FIXED_JSDOM = 'jest-fixed-jsdom';

const NODE_GLOBALS = [
  'TextDecoder', 'TextEncoder', 'TextDecoderStream', 'TextEncoderStream', 'ReadableStream',
  'Blob', 'Headers', 'FormData', 'Request', 'Response', 'fetch', 'AbortController', 'AbortSignal',
  'structuredClone', 'URL', 'URLSearchParams', 'BroadcastChannel', 'TransformStream', 'WritableStream',
];

/** what a config naming it as testEnvironment gets beside the jsdom environment (after its other keys: it wins over customExportConditions in jsdom) */
export function mapFixedJsdom(m: Mapping, path: string): void {
  m.set('windowNodeGlobals', NODE_GLOBALS, path);
  m.set('environmentConditions', { ...(m.config.environmentConditions ?? {}), jsdom: [] }, path);
}
