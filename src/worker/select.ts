import { formatTestId } from '../model/test-id.js';
import type { FileNode, SuiteNode, TaskNode, TestMode } from '../model/task-tree.js';
import { titlePathOf, type Mark, type RuntimeSuite, type RuntimeTest } from './runtime-tree.js';

/**
 * Decides, after a file is collected, which of its tests this unit reports and how: `.only` and
 * `.skip` as jest-circus applies them (per file); `.todo` is reported as such;
 * `--grep` and the unit's test-id list deselect tests entirely (they are not reported as tests;
 * the ones `--grep` left out are counted, as pytest's "deselected").
 */
export interface Selection {
  grep: RegExp | null;
  /** null = every test of the file */
  testIds: ReadonlySet<string> | null;
  /** tests another unit runs */
  excludeTestIds?: ReadonlySet<string> | null;
  /** tests reported skipped without running (quarantined, under `quarantine.mode: 'skip'`) */
  skipIds?: ReadonlySet<string> | null;
}

export interface PlannedTest {
  test: RuntimeTest;
  id: string;
  titlePath: string[];
  mode: TestMode;
}

/** `deselected`: ids of this unit's tests that `--grep` left out */
export function planFile(root: RuntimeSuite, file: string, selection: Selection, deselected: string[] = []): Map<RuntimeTest, PlannedTest> {
  const modes = focusModes(root);
  const hasFocus = [...modes.values()].some((m) => m === 'only');
  const planned = new Map<RuntimeTest, PlannedTest>();
  const seen = new Set<string>();
  const visit = (suite: RuntimeSuite, skipped: boolean): void => {
    for (const child of suite.children) {
      if (child.kind === 'suite') {
        visit(child, skipped || child.mark === 'skip');
        continue;
      }
      const titlePath = titlePathOf(child);
      const id = uniqueId(formatTestId(file, titlePath), seen);
      if (selection.testIds && !selection.testIds.has(id)) continue;
      if (selection.excludeTestIds?.has(id)) continue;
      if (selection.grep && !selection.grep.test(id)) {
        deselected.push(id);
        continue;
      }
      const mode = modes.get(child);
      const run = !skipped && mode !== 'skip' && (!hasFocus || mode === 'only') && !selection.skipIds?.has(id);
      planned.set(child, { test: child, id, titlePath, mode: child.mark === 'todo' ? 'todo' : run ? 'run' : 'skip' });
    }
  };
  visit(root, false);
  return planned;
}

/**
 * Each test's effective mark, by jest-circus's rules: a describe inherits its parent's mark, and
 * passes it to its own tests that have none, unless it is focused and has focused tests of its own
 * (then only those run). Focus inside a skipped describe does not count.
 */
function focusModes(root: RuntimeSuite): Map<RuntimeTest, Mark> {
  const modes = new Map<RuntimeTest, Mark>();
  const visit = (suite: RuntimeSuite, inherited: Mark): void => {
    const mode: Mark = suite.mark === 'none' ? inherited : suite.mark;
    const tests = suite.children.filter((c): c is RuntimeTest => c.kind === 'test');
    const passMode = !(mode === 'only' && tests.some((t) => t.mark === 'only'));
    for (const child of suite.children) {
      if (child.kind === 'suite') visit(child, mode);
      else if (mode === 'skip' && child.mark === 'only') modes.set(child, 'skip');
      else modes.set(child, child.mark === 'none' && passMode ? mode : child.mark);
    }
  };
  visit(root, 'none');
  return modes;
}

/**
 * Two tests with the same name in one describe would share an id and their results would merge
 * (a fail and a pass would even read as flaky): the second and later get ` [2]`, ` [3]`...
 */
function uniqueId(id: string, seen: Set<string>): string {
  let unique = id;
  for (let n = 2; seen.has(unique); n++) unique = `${id} [${n}]`;
  seen.add(unique);
  return unique;
}

/** The serialisable tree of the planned tests (suites with nothing planned are dropped). */
export function toFileNode(root: RuntimeSuite, file: string, planned: ReadonlyMap<RuntimeTest, PlannedTest>): FileNode {
  const convert = (suite: RuntimeSuite): TaskNode[] => {
    const out: TaskNode[] = [];
    for (const child of suite.children) {
      if (child.kind === 'test') {
        const p = planned.get(child);
        if (p) out.push({ kind: 'test', id: p.id, name: child.name, titlePath: p.titlePath, mode: p.mode });
      } else {
        const children = convert(child);
        if (children.length > 0) out.push({ kind: 'suite', name: child.name, children } satisfies SuiteNode);
      }
    }
    return out;
  };
  return { kind: 'file', file, children: convert(root) };
}
