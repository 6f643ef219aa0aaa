// Compiles the built-in rule packs (src/data/*.json) into src/data/compiled/builtin.ts and builtin-de.ts, the
// modules the extension loads (the compiled JSON as text, parsed on first use).
// Run: npx tsx scripts/compile-packs.ts
// (or, without tsx: node -e "import('vite').then((v) => v.runnerImport('./scripts/compile-packs.ts'))")
// A unit test (test/unit/pack-compiled.test.ts) fails when the committed file differs from a fresh compile.

import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BUILTIN_DE_META, BUILTIN_DE_SOURCES, BUILTIN_SOURCES, compileBuiltin, serialiseCompiled } from '../src/core/builtin-sources';

const dataDir = fileURLToPath(new URL('../src/data/', import.meta.url));

async function main(): Promise<void> {
  const sources: unknown[] = [];
  for (const file of BUILTIN_SOURCES) sources.push(JSON.parse(await readFile(`${dataDir}${file}`, 'utf8')));
  const pack = compileBuiltin(sources);
  const out = `${dataDir}compiled/builtin.ts`;
  await writeFile(out, serialiseCompiled(pack));
  const deSources: unknown[] = [];
  for (const file of BUILTIN_DE_SOURCES) deSources.push(JSON.parse(await readFile(`${dataDir}${file}`, 'utf8')));
  await writeFile(`${dataDir}compiled/builtin-de.ts`, serialiseCompiled(compileBuiltin(deSources, BUILTIN_DE_SOURCES, BUILTIN_DE_META)));
  console.log(`wrote ${out}: ${pack.loaded.entries.length} loaded terms, ${pack.boilerplate.rules.length} boilerplate rules, ${Object.keys(pack.attribution.rules).length} attribution rules, ${pack.outlets.length} outlets`);
}

await main();
