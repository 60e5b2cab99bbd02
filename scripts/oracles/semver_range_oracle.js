// Answers range questions with node-semver (the copy bundled with npm), one line in, one line out.
// Input: range<TAB>version. Output: "!" when new Range(range) throws, else 1 or 0 for satisfies(version, range).
// Usage: node semver_range_oracle.js [includePrerelease]
const path = require('path')
const { execSync } = require('child_process')
const root = execSync('npm root -g').toString().trim()
const semver = require(path.join(root, 'npm', 'node_modules', 'semver'))
const options = { loose: true, includePrerelease: process.argv[2] === 'includePrerelease' }
const lines = require('fs').readFileSync(0, 'utf8').split('\n')
if (lines[lines.length - 1] === '') lines.pop()
const out = []
for (const line of lines) {
  const [range, version] = line.split('\t')
  let parsed
  try {
    parsed = new semver.Range(range, options)
  } catch (error) {
    out.push('!')
    continue
  }
  out.push(parsed.test(version) ? '1' : '0')
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''))
