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
}

export interface PlannedTest {
  test: RuntimeTest;
  id: string;
  titlePath: string[];
  mode: TestMode;
}

export function planFile(root: RuntimeSuite, file: string, selection: Selection): Map<RuntimeTest, PlannedTest> {
  const hasOnly = containsOnly(root);
  const planned = new Map<RuntimeTest, PlannedTest>();
  const visit = (suite: RuntimeSuite, skipped: boolean, focused: boolean): void => {
    for (const child of suite.children) {
      const childSkipped = skipped || child.mark === 'skip';
      const childFocused = focused || child.mark === 'only';
      if (child.kind === 'suite') {
        visit(child, childSkipped, childFocused);
        continue;
      }
      const titlePath = titlePathOf(child);
      const id = formatTestId(file, titlePath);
      if (selection.testIds && !selection.testIds.has(id)) continue;
      if (selection.grep && !selection.grep.test(id)) continue;
      const mode: TestMode =
        child.mark === 'todo' ? 'todo' : childSkipped || (hasOnly && !childFocused) ? 'skip' : 'run';
      planned.set(child, { test: child, id, titlePath, mode });
    }
  };
  visit(root, false, false);
  return planned;
}

function containsOnly(suite: RuntimeSuite): boolean {
  return suite.children.some((c) => c.mark === 'only' || (c.kind === 'suite' && containsOnly(c)));
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
