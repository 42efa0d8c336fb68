/** The contract's exit codes (as pytest's). */
export const ExitCode = {
  passed: 0,
  failed: 1,
  interrupted: 2,
  internalError: 3,
  usageError: 4,
  noTests: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
