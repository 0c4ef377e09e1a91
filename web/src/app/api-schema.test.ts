import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractFiles, DOCUMENT_FILE, SCHEMA_FILE } from '../../../scripts/contract';

// The web's types are generated from the routes' zod schemas; a route whose response changed
// without regenerating would let the web type-check against a shape the server no longer sends.
describe('the generated API contract', () => {
  it('matches the route declarations (run npm run contract when it does not)', async () => {
    const fresh = await contractFiles();
    expect(readFileSync(SCHEMA_FILE, 'utf8') === fresh.schema, `${SCHEMA_FILE} is stale: run npm run contract`).toBe(
      true,
    );
    expect(
      readFileSync(DOCUMENT_FILE, 'utf8') === fresh.document,
      `${DOCUMENT_FILE} is stale: run npm run contract`,
    ).toBe(true);
  }, 60_000);
});
