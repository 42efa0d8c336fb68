/**
 * Runs every step whatever the ones before it throw, and returns what they threw: undoing what a
 * file did to the thread must not stop at the first thing that cannot be undone.
 */
export function runEach(steps: Iterable<() => void>): unknown[] {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      step();
    } catch (error) {
      failures.push(error);
    }
  }
  return failures;
}
