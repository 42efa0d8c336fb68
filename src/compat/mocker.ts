import { ModuleMocker } from 'jest-mock';
import { perThread } from './per-thread.js';

/**
 * The thread's jest-mock instance. ptest keeps its own rather than jest-mock's module-level one
 * because `clearAllMocks` / `restoreAllMocks` are only methods of an instance, and the worker must
 * restore every spy a file left on a shared package before the next file runs.
 */
export const mocker: ModuleMocker = perThread('mocker', () => new ModuleMocker(globalThis));

export const fn: ModuleMocker['fn'] = mocker.fn.bind(mocker);
export const spyOn: ModuleMocker['spyOn'] = mocker.spyOn.bind(mocker);
export const replaceProperty: ModuleMocker['replaceProperty'] = mocker.replaceProperty.bind(mocker);
export const isMockFunction: ModuleMocker['isMockFunction'] = mocker.isMockFunction.bind(mocker);
export const mocked: ModuleMocker['mocked'] = mocker.mocked.bind(mocker);
