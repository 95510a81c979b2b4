/**
 * The Chromium that prints PDFs and runs the browser tests. Debian's is used when installed; otherwise
 * the headless Chromium shipped inside the `@sparticuz/chromium` npm package, so `npm ci` is the whole
 * set-up on a bare Node machine. That package holds the binary brotli-compressed, with the NSS
 * libraries it links against and one font; they are unpacked once, next to node_modules, into a folder
 * that appears whole (written aside, then renamed) so concurrent first uses cannot see half a binary.
 *
 * CSP_ASSESS_CHROMIUM chooses: unset or `auto` (Debian's, else the npm one), `system` (Debian's
 * only), `bundled` (the npm one only), or an absolute path to a Chromium binary.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';
import { type BrowserContext, chromium } from 'playwright-core';
import { cspError } from '../../errors.ts';

/** Where Debian's chromium package puts the browser (the first is its launcher script). */
export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'];

/**
 * Flags for a machine with no network but loopback: without the background-networking ones Chromium
 * keeps trying to reach Google's hosts. Root needs --no-sandbox.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumBinary {
  executablePath: string;
  /** Variables the binary needs on top of the caller's environment (library and font paths). */
  env: Record<string, string>;
  source: 'system' | 'bundled' | 'path';
}

export interface FindChromiumOptions {
  /** Default: CSP_ASSESS_CHROMIUM. */
  choice?: string | undefined;
  /** Default: SYSTEM_CHROMIUM_PATHS; tests pass others to stand for a machine with or without Debian's. */
  systemPaths?: readonly string[];
}

const CHOICES = 'auto, system, bundled or an absolute path to a Chromium binary';

export async function findChromium(options: FindChromiumOptions = {}): Promise<ChromiumBinary> {
  const choice = options.choice ?? process.env.CSP_ASSESS_CHROMIUM ?? 'auto';
  const systemPaths = options.systemPaths ?? SYSTEM_CHROMIUM_PATHS;
  const system = systemPaths.find((p) => existsSync(p));
  switch (choice) {
    case 'auto':
    case '':
      return system ? { executablePath: system, env: {}, source: 'system' } : bundledChromium();
    case 'system':
      if (!system) throw cspError('CSP_ERR_RENDER', `CSP_ASSESS_CHROMIUM=system but no Chromium at ${systemPaths.join(' or ')}`);
      return { executablePath: system, env: {}, source: 'system' };
    case 'bundled':
      return bundledChromium();
    default:
      if (!isAbsolute(choice)) throw cspError('CSP_ERR_RENDER', `CSP_ASSESS_CHROMIUM=${choice}: expected ${CHOICES}`);
      if (!existsSync(choice)) throw cspError('CSP_ERR_RENDER', `CSP_ASSESS_CHROMIUM=${choice}: no such file`);
      return { executablePath: choice, env: {}, source: 'path' };
  }
}

/** The npm package's Chromium, unpacked on first use. */
export async function bundledChromium(): Promise<ChromiumBinary> {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  } catch (e) {
    throw cspError('CSP_ERR_RENDER', 'no Chromium: Debian\'s is not installed and the @sparticuz/chromium package is missing (run npm ci)', undefined, e);
  }
  // The package's root: the entry point's depth differs between its versions.
  let pkgDir = dirname(entry);
  while (!existsSync(join(pkgDir, 'bin', 'chromium.br')) && dirname(pkgDir) !== pkgDir) pkgDir = dirname(pkgDir);
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const dir = await unpacked(join(pkgDir, 'bin'), cacheDir(pkgDir, `chromium-${version}-gl`));
  return {
    executablePath: join(dir, 'chromium'),
    env: {
      LD_LIBRARY_PATH: [join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: join(dir, 'fonts.conf'),
    },
    source: 'bundled',
  };
}

/** node_modules/.cache/csp-assess/NAME beside the package, or the temp folder when that is read-only. */
function cacheDir(pkgDir: string, name: string): string {
  const beside = join(pkgDir, '..', '..', '.cache', 'csp-assess');
  try {
    mkdirSync(beside, { recursive: true });
    return join(beside, name);
  } catch {
    return join(tmpdir(), `csp-assess-${name}-${process.getuid?.() ?? 0}`);
  }
}

async function unpacked(bin: string, dir: string): Promise<string> {
  if (existsSync(dir)) return dir;
  const work = `${dir}.tmp-${process.pid}-${Date.now()}`;
  try {
    mkdirSync(join(work, 'lib'), { recursive: true });
    mkdirSync(join(work, 'fonts'));
    // Streamed: the binary is 200 MB unpacked.
    await pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(work, 'chromium'), { mode: 0o755 }));
    untar(brotliDecompressSync(readFileSync(join(bin, 'al2023.tar.br'))), work);
    untar(brotliDecompressSync(readFileSync(join(bin, 'fonts.tar.br'))), join(work, 'fonts'));
    // Software GL beside the binary, where Chromium looks for it: WebGL (the dashboard's map) needs it.
    untar(brotliDecompressSync(readFileSync(join(bin, 'swiftshader.tar.br'))), work);
    // The machine's own fonts first, when it has any; the package's Open Sans so text renders when not.
    writeFileSync(
      join(work, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
        `  <dir>${join(dir, 'fonts', 'fonts')}</dir>\n  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>\n</fontconfig>\n`,
    );
    renameSync(work, dir);
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    // Another process unpacked the same version first: use its copy.
    if (existsSync(dir)) return dir;
    throw cspError('CSP_ERR_RENDER', `cannot unpack the bundled Chromium into ${dir}: ${(e as Error).message}`, undefined, e);
  }
  return dir;
}

/** tar is part of every Debian system, as glibc is. */
function untar(archive: Buffer, into: string): void {
  const r = spawnSync('tar', ['-x', '-C', into], { input: archive });
  if (r.status !== 0) throw new Error(`tar: ${r.error?.message ?? r.stderr.toString().trim()}`);
}

export interface ChromiumSession {
  context: BrowserContext;
  binary: ChromiumBinary;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/**
 * A headless Chromium in a fresh profile folder. `offline` refuses every request (the PDF's page is
 * self-contained); without it the page may still reach only what the caller serves, as this machine
 * has no other network.
 */
export async function openChromium(options: { offline?: boolean; executablePath?: string | undefined } = {}): Promise<ChromiumSession> {
  const binary = await findChromium(options.executablePath ? { choice: options.executablePath } : {});
  const profile = await mkdtemp(join(tmpdir(), 'csp-assess-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: binary.executablePath,
      args: CHROMIUM_ARGS,
      headless: true,
      offline: options.offline ?? false,
      env: { ...process.env, ...binary.env },
    });
    return {
      context,
      binary,
      close: async () => {
        try {
          await context.close();
        } finally {
          await rm(profile, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
}
