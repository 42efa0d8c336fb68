import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFile } from '../../../src/transform/bundle-file.js';
import { edit, options, project } from './project.js';

async function valuesOf(dir: string, tag: string): Promise<unknown> {
  return (await import(`${pathToFileURL(await bundleFile(join(dir, 'a.test.ts'), options(dir))).href}?${tag}`)).values;
}

describe('assets a module imports, as Vite gives them', () => {
  it('answers an image or font with its URL from the root, and a small SVG with a data URL', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'ptest-outside-'));
    writeFileSync(join(outside, 'shared.woff2'), 'font');
    const dir = project({
      'img/photo.jpg': 'jpeg',
      'img/icon.svg': '<svg>\n  <path d="M0 0" />\n</svg>',
      'img/large.svg': `<svg>${' '.repeat(5000)}</svg>`,
      'a.test.ts': `import photo from './img/photo.jpg';\nimport icon from './img/icon.svg';\nimport large from './img/large.svg';\nimport font from ${JSON.stringify(join(outside, 'shared.woff2'))};\nexport const values = [photo, icon, large, font];`,
    });
    expect(await valuesOf(dir, 'urls')).toEqual(['/img/photo.jpg', "data:image/svg+xml,%3csvg%3e%3cpath%20d='M0%200'%20/%3e%3c/svg%3e", '/img/large.svg', `/@fs${join(outside, 'shared.woff2')}`]);
  });

  it("gives a file's text with ?raw, its URL with ?url and a data URL with ?inline, and a stylesheet's as empty; a changed file is read again", async () => {
    const dir = project({
      'notes.md': '# notes',
      'dot.png': 'png!',
      'theme.css': 'a {}',
      'a.test.ts': "import notes from './notes.md?raw';\nimport url from './dot.png?url';\nimport inline from './dot.png?inline';\nimport css from './theme.css?raw';\nexport const values = [notes, url, inline, css];",
    });
    expect(await valuesOf(dir, 'queries')).toEqual(['# notes', '/dot.png', `data:image/png;base64,${Buffer.from('png!').toString('base64')}`, '']);
    edit(join(dir, 'notes.md'), '# changed');
    expect(((await valuesOf(dir, 'edited')) as string[])[0]).toBe('# changed');
  });
});
