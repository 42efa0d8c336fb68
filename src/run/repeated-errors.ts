import type { RunEvent } from '../model/events.js';

/**
 * A file split into chunks (test granularity) is imported once per chunk, and a file that cannot
 * be imported or collected fails each time with the same error: the run reports it once. An error
 * that differs (another message, kind or file) is still reported.
 */
export function errorsOnce(emit: (event: RunEvent) => void): (event: RunEvent) => void {
  const seen = new Set<string>();
  return (event) => {
    if (event.type === 'error' && event.error.file !== null && (event.error.kind === 'import' || event.error.kind === 'collect')) {
      const key = JSON.stringify([event.error.file, event.error.kind, event.error.message]);
      if (seen.has(key)) return;
      seen.add(key);
    }
    emit(event);
  };
}
