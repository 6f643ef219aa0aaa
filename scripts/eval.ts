// `npm run eval`: detection against the hand labels (scripts/eval-detection.ts), then article extraction against
// Readability (scripts/eval-extraction.ts), each with its bars; exits non-zero when any bar fails.
//
//   npx tsx scripts/eval.ts <pagesDir> [--no-extraction]
//
// <pagesDir> is the Readability test pages folder (../shared/pages/readability). The seed article is read from
// ../shared/seeds/000_4e4b098dba0c21ca.txt beside the repository. Whatever is missing is named and skipped; the rest runs.

import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { detectionPasses, evaluateDetection, isDirectory, printDetectionReport } from './eval-detection';
import { evaluateExtraction, printExtractionReport } from './eval-extraction';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = resolve(REPO, '../shared/seeds/000_4e4b098dba0c21ca.txt');
const LABELS = join(REPO, 'test/fixtures/labels');

function main(argv: string[]): number {
  const positional = argv.filter((arg) => !arg.startsWith('--'));
  const given = positional[0];
  const pagesDir = given === undefined ? undefined : resolve(given);
  const pagesPresent = pagesDir !== undefined && isDirectory(pagesDir);
  if (given === undefined) console.log('eval: no pages folder given (usage: tsx scripts/eval.ts <pagesDir>): skipping the labelled pages and the extraction evaluation.');
  else if (!pagesPresent) console.log(`eval: pages folder not found: ${pagesDir}\n  skipping the labelled pages and the extraction evaluation; the seed article still runs.`);

  const report = evaluateDetection({ labelsDir: LABELS, pagesDir: pagesPresent ? pagesDir : undefined, seedPath: SEED });
  if (report.seed === undefined) console.log(`eval: seed article not found at ${SEED}: its checks are skipped (and count as failed).`);
  if (report.pages.length === 0) {
    console.log('eval: nothing to evaluate (no labelled article could be read).');
    return 2;
  }
  printDetectionReport(report);
  const detectionOk = detectionPasses(report);
  console.log(`detection: ${detectionOk ? 'PASS' : 'FAIL'}`);

  let extractionOk = true;
  if (pagesPresent && !argv.includes('--no-extraction')) {
    console.log('');
    const extraction = evaluateExtraction(pagesDir!, { fastPath: true });
    printExtractionReport(extraction);
    extractionOk = Object.values(extraction.pass).every(Boolean);
  }
  console.log('');
  const partial = report.skipped.length > 0 ? `; ${report.skipped.length} labelled articles skipped, so this is a partial run` : '';
  console.log(
    `eval: ${detectionOk && extractionOk ? 'PASS' : 'FAIL'} (detection ${detectionOk ? 'PASS' : 'FAIL'}${pagesPresent && !argv.includes('--no-extraction') ? `, extraction ${extractionOk ? 'PASS' : 'FAIL'}` : ', extraction skipped'}${partial})`,
  );
  return detectionOk && extractionOk ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
