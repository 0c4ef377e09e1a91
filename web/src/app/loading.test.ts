import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = new URL('../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

describe('the loading mark', () => {
  // A spinner is a span; a name on it without a role breaks WCAG 4.1.2 (axe: aria-prohibited-attr),
  // and a waiting page is seldom on screen when the browser tests look. So every page says
  // "Laddar…" through the one Loading component, and any other spinner is hidden beside a text.
  it('is drawn only by Loading, or hidden from assistive technology where a text says it', () => {
    const offenders: string[] = [];
    for (const file of sources(src)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/<Loader\b[^>]*>/g)) {
        if (!/aria-hidden="true"/.test(match[0])) offenders.push(`${relative(src, file)}: ${match[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
