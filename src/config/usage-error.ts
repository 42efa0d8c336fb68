/** Bad input from the user (a flag, a config file, a path): one line, exit code 4. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
