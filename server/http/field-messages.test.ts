import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * A refused field's message is shown beside the field, in Swedish, to whoever filled it in
 * ("Gäller till: måste vara efter giltig från"). A property name in it ("är före startOn") is
 * the API's word, not the user's. This test reads the server's and the domain's sources and
 * fails on a field message that names a camelCase identifier.
 */

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** `message: '…'` (or "…" or `…`) literals that contain a camelCase word. */
const MESSAGE = /message:\s*(['"`])((?:(?!\1).)*)\1/g;
const IDENTIFIER = /\b[a-z]+[A-Z][A-Za-z]*\b/;

function englishFieldNames(files: readonly string[], read: (f: string) => string): string[] {
  return files.flatMap((file) =>
    read(file)
      .split('\n')
      .flatMap((line, i) =>
        [...line.matchAll(MESSAGE)]
          // A template's placeholders (${…}) are code, not words the user reads.
          .map((m) => (m[2] ?? '').replace(/\$\{[^}]*\}/g, ''))
          .filter((text) => IDENTIFIER.test(text))
          .map((text) => `${relative(ROOT, file)}:${i + 1}: ${text}`),
      ),
  );
}

describe('field messages speak Swedish', () => {
  it('name no property of the API in server/ or domain/', () => {
    const files = [...sources(join(ROOT, 'server')), ...sources(join(ROOT, 'domain'))];
    expect(files.length).toBeGreaterThan(100);
    expect(englishFieldNames(files, (f) => readFileSync(f, 'utf8'))).toEqual([]);
  });

  it('would find one', () => {
    const samples: Record<string, string> = {
      'a.ts': "fields: [{ field: 'endOn', message: 'är före startOn' }],",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text, not a template
      'b.ts': 'fields: [{ field: `rows.${i}`, message: `rad ${rowNumber} saknar belopp` }],',
      'c.ts': "fields: [{ field: 'validTo', message: 'måste vara efter giltig från' }],",
    };
    const found = englishFieldNames(Object.keys(samples), (f) => samples[f] ?? '');
    expect(found.map((l) => l.split(':')[0])).toEqual(['a.ts']);
  });
});
