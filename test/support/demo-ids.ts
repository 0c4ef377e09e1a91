import type { seedDemo } from '../../server/demo/seed';

/** The moment every test database starts at, and the demo template is seeded at. */
export const START = '2025-06-15T10:00:00Z';

export type Seeded = Awaited<ReturnType<typeof seedDemo>>;

/** Where the run's seeded demo database is, and the ids the seed returned (as JSON). */
export type DemoTemplate =
  | { kind: 'pglite'; file: string; ids: string }
  | { kind: 'postgresql'; database: string; ids: string };

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplate?: DemoTemplate;
  }
}

// The seed's answer holds Maps; they cross from the setup process to the test workers as JSON.
export const encodeSeeded = (seeded: Seeded): string =>
  JSON.stringify(seeded, (_key, value) => (value instanceof Map ? { $map: [...value.entries()] } : value));

export const decodeSeeded = (text: string): Seeded =>
  JSON.parse(text, (_key, value) =>
    value && typeof value === 'object' && Array.isArray(value.$map) ? new Map(value.$map) : value,
  );
