// Answers version questions with node-semver (the copy bundled with npm), one line in, one line out.
// Usage: node semver_oracle.js valid|compare strict|loose
const path = require('path')
const { execSync } = require('child_process')
const root = execSync('npm root -g').toString().trim()
const semver = require(path.join(root, 'npm', 'node_modules', 'semver'))
const [mode, strictness] = process.argv.slice(2)
const options = { loose: strictness === 'loose' }
const lines = require('fs').readFileSync(0, 'utf8').split('\n')
if (lines[lines.length - 1] === '') lines.pop()
const out = []
for (const line of lines) {
  if (mode === 'valid') {
    out.push(semver.valid(line, options) === null ? '0' : '1')
  } else {
    const [a, b] = line.split('\t')
    const c = semver.compare(a, b, options)
    out.push(c < 0 ? '<' : c === 0 ? '=' : '>')
  }
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''))
