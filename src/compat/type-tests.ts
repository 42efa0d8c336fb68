/**
 * Vitest's type assertions in ordinary test files: `expectTypeOf(x).toEqualTypeOf<T>()` and
 * `assertType<T>(x)` are checked by the type checker, not at run time. At run time they do nothing;
 * expectTypeOf is the expect-type package's own (the one Vitest re-exports), so every chain a suite
 * writes exists.
 */
export { expectTypeOf, type ExpectTypeOf } from 'expect-type';

export function assertType<T>(_value: T): void {}
