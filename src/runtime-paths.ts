import { fileURLToPath } from 'node:url';

/**
 * Where ptest's own built files are, found from this module's location (dist/runtime-paths.js),
 * so that they are right whether ptest runs from a checkout or from node_modules.
 */
export const OWN_DIR = fileURLToPath(new URL('.', import.meta.url));
/** what `import … from 'ptest'` inside a test file resolves to */
export const RUNTIME_ENTRY = fileURLToPath(new URL('./index.js', import.meta.url));
/** the piscina task module */
export const WORKER_ENTRY = fileURLToPath(new URL('./worker/entry.js', import.meta.url));
