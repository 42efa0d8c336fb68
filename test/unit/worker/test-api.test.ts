import { afterEach, describe, expect, it } from 'vitest';
import { Collector, setCurrentCollector } from '../../../src/worker/collector.js';
import { describe as ptestDescribe, test as ptestTest } from '../../../src/worker/test-api.js';

/** the registration API as a test file calls it, during collection */
function collect(register: () => void): string[] {
  const collector = new Collector();
  setCurrentCollector(collector);
  register();
  const names: string[] = [];
  const walk = (suite: Collector['root'], path: string[]): void => {
    for (const child of suite.children) (child.kind === 'suite' ? walk(child, [...path, child.name]) : names.push([...path, child.name].join(' > ')));
  };
  walk(collector.root, []);
  return names;
}

describe('the registration API', () => {
  afterEach(() => setCurrentCollector(undefined));

  it('titles a describe or test given a function or class by its name (msw: describe(Controller.prototype.use))', () => {
    class Controller {
      use(): number {
        return 1;
      }
    }
    const names = collect(() => {
      ptestDescribe(Controller.prototype.use as unknown as string, () => ptestTest(Controller as unknown as string, () => {}));
      ptestDescribe((() => {}) as unknown as string, () => ptestTest('inner', () => {}));
    });
    expect(names).toEqual(['use > Controller', '<anonymous> > inner']);
  });
});

describe('.each rows and the parameters beyond their values', () => {
  afterEach(() => setCurrentCollector(undefined));

  /** the row functions a file's `.each` registered, as the runner would call them (with a context) */
  function rows(deferred: boolean, register: () => void): ((context: unknown) => unknown)[] {
    const collector = new Collector(deferred);
    setCurrentCollector(collector);
    register();
    return collector.root.children.flatMap((child) => (child.kind === 'test' && child.fn ? [child.fn as (context: unknown) => unknown] : []));
  }
  const table = [['short', 1], ['full', 1, 2]] as unknown as [string, number, number?][];

  it("calls a Vitest file's row with its values alone: a short row leaves the last parameter undefined", () => {
    const seen: unknown[] = [];
    for (const row of rows(true, () => ptestTest.each(table)('%s', (_name: string, _a: number, b?: number) => void seen.push(b)))) row({ context: true });
    expect(seen).toEqual([undefined, 2]);
  });

  it("gives a Jest file's row one parameter beyond its values: Jest's done", () => {
    const seen: unknown[] = [];
    for (const row of rows(false, () => ptestTest.each(table)('%s', (_name: string, _a: number, b?: unknown) => void seen.push(b)))) row('done');
    expect(seen).toEqual(['done', 2]);
  });
});
