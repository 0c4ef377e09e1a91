import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Packages the compiled server imports from node_modules instead of carrying: those that read
 * files beside their own code (PGlite's WebAssembly and data, pdfkit's fonts), native addons
 * (argon2, pg's optional native binding), the exporters and mail, which load on first use and
 * would only lengthen the bundle read at start, and build tools. Everything else is bundled, so a
 * start resolves and reads one file rather than hundreds.
 */
const LEFT_IN_NODE_MODULES = [
  '@electric-sql/pglite',
  '@node-rs/argon2',
  'pg',
  'exceljs',
  'pdfkit',
  'docx',
  'nodemailer',
  'saxes',
  'yauzl',
  'esbuild',
  'tsx',
  'vite',
];

/**
 * The server as `npm start` runs it: `out/server.js` (exporters in split chunks, imported on
 * first use) with the migrations beside it in `out/migrations`. Used by the build and the bench,
 * which compiles its own server entry (`entryPoints`) the same way.
 */
export async function buildServer(
  out: string,
  entryPoints: Record<string, string> = { server: 'server/main.ts' },
): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: LEFT_IN_NODE_MODULES.flatMap((p) => [p, `${p}/*`]),
    // Bundled CommonJS packages still call require for Node's own modules.
    banner: {
      js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
    },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: true,
    logLevel: 'warning',
  });
  cpSync('server/db/migrations', join(out, 'migrations'), { recursive: true });
}
