import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, type CliResult } from '../helpers/run-cli.js';

/**
 * The HTML report opened in a real headless browser (Debian's chromium, installed by .ci/run), as
 * a person would open it from a CI artifact: what they see, and that nothing in it loads or runs.
 */
const CHROMIUM = '/usr/bin/chromium';
// No sandbox as root in CI; no background networking (this machine's network is closed).
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCRIPT_NAME = '</td></tr><b>a describe</b> > renders <script>window.__pwned = 1</script> as text';
const ESCAPING = `escaping.test.ts > ${SCRIPT_NAME}`;
const FLIPS = 'flips.test.ts > fails on the first attempt of each run';
const KNOWN = 'known-flake.test.ts > is quarantined and fails';

let browser: Browser;
let page: Page;
let run: CliResult;
const requests: string[] = [];
let reportUrl: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'ptest-html-'));
  const args = ['--root', fixture('html-report'), '-n', '2', '--reruns', '1', '--history', join(dir, 'history.json'), '--reporter', `html:${join(dir, 'report.html')}`];
  await runCli(args, { history: true });
  run = await runCli(args, { history: true });
  reportUrl = pathToFileURL(join(dir, 'report.html')).href;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(reportUrl);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('HTML report in chromium', () => {
  it('shows the verdict the JSON report has', async () => {
    expect(run.code).toBe(1);
    const { passed, failed, flaky, quarantined } = run.report!.summary;
    expect(await page.locator('#verdict').textContent()).toBe(`${passed} passed, ${failed} failed, ${flaky} flaky, ${quarantined} quarantined`);
    expect([passed, failed, flaky, quarantined]).toEqual([1, 1, 1, 1]);
  });

  it('shows names and messages with markup in them as text: nothing in them renders or runs', async () => {
    expect(await page.locator('#failures h4').first().textContent()).toContain(ESCAPING);
    expect(await page.locator('#failures pre').first().textContent()).toContain('<img src=x onerror="window.__pwned = 2"> & friends');
    expect(await page.locator('img, b, script').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
  });

  it('loads nothing: one self-contained file', () => {
    expect(requests).toEqual([reportUrl]);
  });

  it('lists the flaky test with its flip rate and a sparkline of its runs', async () => {
    const row = page.locator('#flaky tbody tr', { hasText: FLIPS });
    await expect(row.count()).resolves.toBe(1);
    const flakiness = run.report!.tests.find((t) => t.id === FLIPS)!.flakiness!;
    expect(await row.locator('td').nth(3).textContent()).toBe(`${Math.round(flakiness.score * 100)}%`);
    // two runs, both flaky: two tall amber bars
    expect(await row.locator('svg.spark rect.flaky').count()).toBe(2);
  });

  it('lists the quarantine with the stale entry marked, linking only web tickets', async () => {
    const rows = page.locator('#quarantine tbody tr');
    expect(await rows.count()).toBe(2);
    const known = rows.filter({ hasText: KNOWN });
    expect(await known.textContent()).toContain('fails on <b>some</b> machines');
    expect(await known.locator('a').getAttribute('href')).toBe('https://example.test/issues/7');
    const gone = rows.filter({ hasText: 'gone.test.ts > was deleted' });
    expect(await gone.textContent()).toContain('stale');
    expect(await gone.locator('a').count()).toBe(0);
  });

  it('draws one timeline row per worker and one bar per attempt, where it ran', async () => {
    expect(await page.locator('#timeline text.label').allTextContents()).toEqual(['worker 0', 'worker 1']);
    const attempts = run.report!.tests.flatMap((t) => t.attempts.map(() => t.id)).sort();
    const bars = await page.locator('#timeline rect.attempt').evaluateAll((rects) => rects.map((r) => r.getAttribute('data-test') ?? ''));
    expect(bars.sort()).toEqual(attempts);
  });
});
