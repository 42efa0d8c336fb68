/**
 * Test names and file paths come from users' code: a name holding an escape sequence must show
 * as text, not clear the screen or recolour the log. Control characters become visible escapes.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function printable(name: string): string {
  return name.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).replace(/\n/g, '\\n');
}
