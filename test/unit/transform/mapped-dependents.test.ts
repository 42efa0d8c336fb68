import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasRewrite } from '../../../src/transform/alias-rewrite.js';
import { loadsMappedSource } from '../../../src/transform/mapped-dependents.js';

const JEST = resolve(import.meta.dirname, '../../../fixtures/compat/jest');
const widget = resolve(JEST, 'node_modules/widget-kit/index.js');
const rewrite = (replacement: string) => aliasRewrite([{ pattern: '^shop-core$', replacement }]);

describe('loadsMappedSource', () => {
  it("is true of a package declaring a name the aliases map to the suite's own file", () => {
    expect(loadsMappedSource(widget, rewrite(resolve(JEST, 'lib/shop-core.js')))).toBe(true);
  });

  it('is false where the alias leads into node_modules, to another package name, or nowhere', () => {
    expect(loadsMappedSource(widget, rewrite(resolve(JEST, 'node_modules/shop-core/index.js')))).toBe(false);
    expect(loadsMappedSource(widget, rewrite('other-core'))).toBe(false);
    expect(loadsMappedSource(widget, aliasRewrite([]))).toBe(false);
  });

  it('is false of a package that declares no such name', () => {
    expect(loadsMappedSource(resolve(JEST, 'node_modules/shop-core/index.js'), rewrite(resolve(JEST, 'lib/shop-core.js')))).toBe(false);
  });
});
