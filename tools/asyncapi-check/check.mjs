// Parses an AsyncAPI document with the official parser and fails on any error it reports.
//   node tools/asyncapi-check/check.mjs docs/asyncapi.yaml
import { Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const { document, diagnostics } = await new Parser().parse(readFileSync(file, 'utf8'));
const severities = ['error', 'warning', 'info', 'hint'];
for (const d of diagnostics) {
  console.log(`${severities[d.severity]} ${d.code} at ${d.path.join('.')}: ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === 0);
if (!document || errors.length > 0) {
  console.error(`${file}: ${errors.length} errors`);
  process.exit(1);
}
console.log(`${file}: parses (${document.channels().length} channels, ${document.operations().length} operations)`);
