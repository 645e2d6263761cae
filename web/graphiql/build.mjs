// Bundles GraphiQL into static files the API serves at /graphql (no CDN, no inline script: a strict CSP holds).
// Run by the API's build (Platform.Api.csproj) when the output is missing or older than these sources.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = process.argv[2] ?? `${here}../../src/Platform.Api/graphiql`;

await mkdir(out, { recursive: true });
await build({
  entryPoints: { graphiql: `${here}src/main.jsx` },
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file' },
  outdir: out,
  logLevel: 'warning',
});
await copyFile(`${here}index.html`, `${out}/index.html`);
await copyFile(`${here}page.css`, `${out}/page.css`);
console.log(`GraphiQL built into ${out}`);
