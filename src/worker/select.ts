import { formatTestId } from '../model/test-id.js';
import type { FileNode, SuiteNode, TaskNode, TestMode } from '../model/task-tree.js';
import { titlePathOf, type RuntimeSuite, type RuntimeTest } from './runtime-tree.js';

/**
 * Decides, after a file is collected, which of its tests this unit reports and how: `.only`
 * anywhere in the file skips the rest of the file (as in Jest); `.skip`/`.todo` propagate down;
 * `--grep` and the unit's test-id list deselect tests entirely (they are not reported here).
 */
export interface Selection {
  grep: RegExp | null;
  /** null = every test of the file */
  testIds: ReadonlySet<string> | null;
  /** tests another unit runs */
  excludeTestIds?: ReadonlySet<string> | null;
}

export interface PlannedTest {
  test: RuntimeTest;
  id: string;
  titlePath: string[];
  mode: TestMode;
}

export function planFile(root: RuntimeSuite, file: string, selection: Selection): Map<RuntimeTest, PlannedTest> {
  const planned = new Map<RuntimeTest, PlannedTest>();
  const seen = new Set<string>();
  // NOTE: focus narrows level by level, as in Jest and Vitest: inside a focused describe that
  // itself contains `.only`, only those run. With no `.only` anywhere, everything is focused.
  const visit = (suite: RuntimeSuite, skipped: boolean, focused: boolean): void => {
    const narrowed = containsOnly(suite);
    for (const child of suite.children) {
      const childSkipped = skipped || child.mark === 'skip';
      const childFocused = child.mark === 'only' || (focused && !narrowed);
      if (child.kind === 'suite') {
        visit(child, childSkipped, childFocused);
        continue;
      }
      const titlePath = titlePathOf(child);
      const id = uniqueId(formatTestId(file, titlePath), seen);
      if (selection.testIds && !selection.testIds.has(id)) continue;
      if (selection.excludeTestIds?.has(id)) continue;
      if (selection.grep && !selection.grep.test(id)) continue;
      const mode: TestMode = child.mark === 'todo' ? 'todo' : childSkipped || !childFocused ? 'skip' : 'run';
      planned.set(child, { test: child, id, titlePath, mode });
    }
  };
  visit(root, false, true);
  return planned;
}

/** any `.only` among the suite's descendants */
function containsOnly(suite: RuntimeSuite): boolean {
  return suite.children.some((c) => c.mark === 'only' || (c.kind === 'suite' && containsOnly(c)));
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
