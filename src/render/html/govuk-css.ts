/**
 * GOV.UK Frontend's compiled CSS, inlined so a report is one self-contained file. Its @font-face
 * rules and asset url()s are removed: GDS Transport is licensed for GOV.UK services only, and a report
 * must make no network request, so text falls back to the CSS's own arial stack.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: string | undefined;

export function govukCssPath(): string {
  const pkg = createRequire(import.meta.url).resolve('govuk-frontend/package.json');
  return join(dirname(pkg), 'dist', 'govuk', 'govuk-frontend.min.css');
}

export function stripNetworkRefs(css: string): string {
  return css
    .replace(/@font-face\{[^}]*\}/g, '')
    .replace(/url\([^)]*\)/g, 'none')
    .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '')
    .replace(/font-family:\s*"?GDS Transport"?,\s*/g, 'font-family:');
}

export function govukCss(): string {
  cached ??= stripNetworkRefs(readFileSync(govukCssPath(), 'utf8'));
  return cached;
}
