/**
 * Test ids are the one stable name of a test across runs, machines and shards
 * (contract: `<file relative to the root, with /> > <describe> > ... > <test name>`).
 * History, quarantine, reports and `--grep` all key on them.
 */
export const ID_SEPARATOR = ' > ';

/** `file` must already be root-relative with forward slashes. */
export function formatTestId(file: string, titlePath: readonly string[]): string {
  return [file, ...titlePath].join(ID_SEPARATOR);
}

/** The human part of an id: describe blocks and test name, without the file. */
export function fullName(titlePath: readonly string[]): string {
  return titlePath.join(ID_SEPARATOR);
}

/** The file part of an id (file names with ' > ' in them are not supported). */
export function fileOfTestId(id: string): string {
  return id.split(ID_SEPARATOR)[0] ?? id;
}
