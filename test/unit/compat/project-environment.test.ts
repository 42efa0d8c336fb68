import { describe, expect, it } from 'vitest';
import { projectEnvironmentOf, projectOf } from '../../../src/compat/project-environment.js';

describe("a file's environment by the project that takes it", () => {
  const compat = {
    environment: 'node' as const,
    projectEnvironments: [
      { include: ['src/**/*.test.js'], exclude: ['**/*.jsdom.test.js'], environment: 'happy-dom' as const },
      { include: ['src/**/*.jsdom.test.js'], exclude: [], environment: 'jsdom' as const },
    ],
  };

  it("is the first project's whose include matches and exclude does not, else the suite's default", () => {
    expect(projectEnvironmentOf('/p/src/a.test.js', '/p', compat)).toBe('happy-dom');
    expect(projectEnvironmentOf('/p/src/b.jsdom.test.js', '/p', compat)).toBe('jsdom');
    expect(projectEnvironmentOf('/p/lib/c.test.js', '/p', compat)).toBe('node');
    expect(projectEnvironmentOf('/p/src/a.test.js', '/p', { environment: 'node' })).toBe('node');
  });

  it('takes the first project that takes the file, one without an environment of its own giving the default', () => {
    const conditions = { environment: 'happy-dom' as const, projectEnvironments: [{ include: ['a/**'], exclude: [], environmentConditions: { jsdom: ['development'] } }, { include: ['**'], exclude: [], environment: 'jsdom' as const }] };
    expect(projectOf('/p/a/x.test.js', '/p', conditions)).toBe(conditions.projectEnvironments[0]);
    expect(projectEnvironmentOf('/p/a/x.test.js', '/p', conditions)).toBe('happy-dom');
    expect(projectEnvironmentOf('/p/b/x.test.js', '/p', conditions)).toBe('jsdom');
    expect(projectOf('/p/b/x.test.js', '/p', { projectEnvironments: [] })).toBeUndefined();
  });
});
