import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../domain/permissions';

/*
 * The web learns what the user may do from the server (`can` on each record, `/api/me`'s `can`
 * for what no record carries), never by guessing from role names (decision 014): a guess
 * offers a button the server then refuses. This test reads every web source file and fails on
 * a `hasRole` helper or a comparison with a role name. Naming a role to show it (a label from
 * `role.${r.role}`) is no guess and passes. Nor does the web ask the domain's `can()` itself: for
 * records not yet made the tree's units and the bodies carry `can` too (`steering/writable.ts`).
 */

const WEB = join(import.meta.dirname, '..', '..', 'web', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && name !== 'api-schema.ts' ? [path] : [];
  });
}

const roleName = `(?:${ROLES.join('|')})`;
const GUESSES: { what: string; pattern: RegExp }[] = [
  { what: 'a hasRole helper', pattern: /\bhasRole\b/ },
  { what: 'a role compared with a name', pattern: new RegExp(`[=!]==?\\s*['"\`]${roleName}['"\`]`) },
  { what: 'a role name compared with a role', pattern: new RegExp(`['"\`]${roleName}['"\`]\\s*[=!]==?`) },
  {
    what: 'a role looked up in a list of names',
    pattern: new RegExp(`\\[\\s*['"\`]${roleName}['"\`][^\\]]*\\]\\.(?:includes|indexOf)\\(`),
  },
  { what: 'roles searched for a name', pattern: new RegExp(`roles\\.(?:some|find|filter|every)\\([^)]*${roleName}`) },
  {
    what: "the permission rule asked in the web instead of the server's can",
    pattern: /import\s*\{[^}]*\bcan\b[^}]*\}\s*from\s*['"][^'"]*domain\/permissions/,
  },
];

/** Every line of the web's sources that guesses from a role name, as `file:line: what`. */
function roleGuesses(files: readonly string[], read: (f: string) => string): string[] {
  return files.flatMap((file) =>
    read(file)
      .split('\n')
      .flatMap((line, i) =>
        GUESSES.filter((g) => g.pattern.test(line)).map((g) => `${relative(WEB, file)}:${i + 1}: ${g.what}`),
      ),
  );
}

describe('no role guesses in the web', () => {
  it('finds no hasRole and no comparison with a role name in web/src', () => {
    const files = sources(WEB);
    expect(files.length).toBeGreaterThan(50);
    expect(roleGuesses(files, (f) => readFileSync(f, 'utf8'))).toEqual([]);
  });

  it('would find each kind of guess', () => {
    const samples: Record<string, string> = {
      'a.tsx': "if (hasRole(me, 'administrator')) show();",
      'b.tsx': "const admin = me.roles.some((r) => r.role === 'administrator');",
      'c.tsx': "const auditor = 'auditor' == grant.role;",
      'd.tsx': "const steer = ['controller', 'manager'].includes(g.role);",
      'f.tsx': "import { type Action, can } from '../../../domain/permissions';",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text, not a template
      'e.tsx': 'const label = t(`role.${r.role}`);',
    };
    const found = roleGuesses(Object.keys(samples), (f) => samples[f] ?? '');
    for (const f of ['a.tsx', 'b.tsx', 'c.tsx', 'd.tsx', 'f.tsx'])
      expect(
        found.some((l) => l.includes(f)),
        f,
      ).toBe(true);
    expect(found.some((l) => l.includes('e.tsx'))).toBe(false);
  });
});
