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
