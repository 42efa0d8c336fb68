import { clock } from './fake-clock.js';
import { resetJestFileSettings } from './jest-object.js';
import { freshModules } from './fresh-modules.js';
import { mocker } from './mocker.js';
import { moduleMocks } from './module-mocks.js';
import { runEach } from './run-each.js';
import { stubs } from './stubs.js';

/**
 * Undoes what a file did to the thread through `vi` / `jest`: real timers back, stubbed globals and
 * variables restored, spies on shared packages removed, module mocks forgotten. Without it the next
 * file on the thread would inherit them (Vitest gets this from a fresh module graph per file).
 * Every step runs whatever the others do; what failed is returned, for the file that left it.
 */
export function resetAfterFile(): unknown[] {
  return runEach([
    () => clock.uninstall(),
    () => stubs.unstubAllGlobals(),
    () => stubs.unstubAllEnvs(),
    () => mocker.restoreAllMocks(),
    () => moduleMocks.forget(),
    () => freshModules.forget(),
    () => resetJestFileSettings(),
  ]);
}
