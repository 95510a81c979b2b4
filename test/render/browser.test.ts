/** Which Chromium prints PDFs: Debian's when installed, else the npm package's, and both launch. */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium, openChromium, SYSTEM_CHROMIUM_PATHS } from '../../src/render/pdf/browser.ts';
import { tempDir } from '../helpers/paths.ts';

const dir = tempDir();
const fakeSystem = join(dir, 'chromium');
writeFileSync(fakeSystem, '');
const absent = join(dir, 'no-such-chromium');

describe('findChromium', () => {
  it('takes the first Debian path that exists when the choice is auto', async () => {
    expect(await findChromium({ choice: 'auto', systemPaths: [absent, fakeSystem] })).toEqual({ executablePath: fakeSystem, env: {}, source: 'system' });
  });

  it('falls back to the npm package when Debian has none, with its own libraries and a font', async () => {
    const found = await findChromium({ choice: 'auto', systemPaths: [absent] });
    expect(found.source).toBe('bundled');
    expect(await findChromium({ choice: 'bundled', systemPaths: [fakeSystem] })).toEqual(found);
    accessSync(found.executablePath, constants.X_OK);
    const lib = found.env.LD_LIBRARY_PATH!.split(':')[0]!;
    expect(existsSync(join(lib, 'libnss3.so'))).toBe(true);
    expect(existsSync(found.env.FONTCONFIG_FILE!)).toBe(true);
    // Every library the binary links against resolves, the NSS ones from the package rather than Debian.
    const ldd = execFileSync('ldd', [found.executablePath], { env: { ...process.env, ...found.env }, encoding: 'utf8' });
    expect(ldd).not.toContain('not found');
    expect(ldd).toContain(join(lib, 'libnss3.so'));
  });

  it('refuses system when Debian has none, and a choice it does not know', async () => {
    await expect(findChromium({ choice: 'system', systemPaths: [absent] })).rejects.toThrow(`CSP_ASSESS_CHROMIUM=system but no Chromium at ${absent}`);
    await expect(findChromium({ choice: 'chrome' })).rejects.toThrow('CSP_ASSESS_CHROMIUM=chrome: expected auto, system, bundled or an absolute path');
    await expect(findChromium({ choice: absent })).rejects.toThrow(`CSP_ASSESS_CHROMIUM=${absent}: no such file`);
    expect(await findChromium({ choice: fakeSystem })).toEqual({ executablePath: fakeSystem, env: {}, source: 'path' });
  });
});

describe('openChromium', () => {
  // The npm one always; then whatever auto finds here: Debian's where installed, the npm one on a bare machine.
  it.each([
    ['bundled', 'bundled'],
    ['auto', SYSTEM_CHROMIUM_PATHS.some((p) => existsSync(p)) ? 'system' : 'bundled'],
  ])('launches the %s choice (%s) offline and lays out text', async (choice, source) => {
    const saved = process.env.CSP_ASSESS_CHROMIUM;
    process.env.CSP_ASSESS_CHROMIUM = choice;
    const browser = await openChromium({ offline: true }).finally(() => {
      if (saved === undefined) delete process.env.CSP_ASSESS_CHROMIUM;
      else process.env.CSP_ASSESS_CHROMIUM = saved;
    });
    try {
      expect(browser.binary.source).toBe(source);
      const page = await browser.context.newPage();
      await page.setContent('<p><span id="t" style="font-family: arial, sans-serif">Café</span></p>');
      expect(await page.locator('#t').textContent()).toBe('Café');
      // A font was found: the text has a width.
      expect(await page.locator('#t').evaluate((e) => e.getBoundingClientRect().width)).toBeGreaterThan(10);
      // Offline: nothing off the page is fetched.
      await expect(page.goto('http://127.0.0.1:9/')).rejects.toThrow();
    } finally {
      await browser.close();
    }
  });
});
