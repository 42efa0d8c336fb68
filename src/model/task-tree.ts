/**
 * The serialisable task tree of one test file, as collected inside a worker and sent to the
 * coordinator once (Vitest's File/Suite/Test). It carries no functions, so it crosses the
 * thread boundary by structured clone; later events refer to tests by id only.
 */
export type TestMode = 'run' | 'skip' | 'todo';

export interface TestNode {
  kind: 'test';
  id: string;
  name: string;
  /** describe names then the test name */
  titlePath: string[];
  mode: TestMode;
}

export interface SuiteNode {
  kind: 'suite';
  name: string;
  children: TaskNode[];
}

export type TaskNode = SuiteNode | TestNode;

export interface FileNode {
  kind: 'file';
  /** root-relative, forward slashes */
  file: string;
  children: TaskNode[];
}

/** Every test below `node`, in declaration order. */
export function testsOf(node: FileNode | SuiteNode): TestNode[] {
  const out: TestNode[] = [];
  const visit = (children: readonly TaskNode[]): void => {
    for (const child of children) {
      if (child.kind === 'test') out.push(child);
      else visit(child.children);
    }
  };
  visit(node.children);
  return out;
}
