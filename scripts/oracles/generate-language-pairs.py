#!/usr/bin/env python3
"""Regenerates the version-ordering tables in Tests/EcosystemsTests/Fixtures/versions/.

Each table is TSV, `a<TAB>b<TAB>expected` with expected one of `<`, `=`, `>` (and `?` for two composer dev
branches, which composer leaves unordered). Expected values come from the package manager's own code running on
this machine (the "oracle"), never from Plimsoll:

    maven     org.apache.maven.artifact.versioning.ComparableVersion from Debian's Maven (3.8.7)
    rubygems  Gem::Version from Debian's ruby (RubyGems 3.3)
    semver    node-semver bundled with node's npm (strict), on strings that match semver.org's own regex
    npm       node-semver bundled with node's npm (loose)
    go        golang.org/x/mod/semver from Debian's golang-golang-x-mod-dev
    composer  composer/semver from Debian's php-composer-semver (normalize + Comparator, as Semver::sort)

NuGet has no oracle here; `generate-nuget-pairs.py` writes its hand-checked table.

Real version strings come from this machine: `apt-cache dumpavail` (every Debian package version, upstream part),
/usr/share/maven-repo, installed gemspecs, npm's bundled package.json files, go.sum files under /usr/share/gocode;
plus each project's published test vectors and seeded, realistic variants of real versions (qualifiers, prerelease
tags, case changes). Strings the oracle rejects go to `<scheme>-invalid.txt`.

Needs: apt-get install -y ruby golang-go golang-golang-x-mod-dev php-cli php-composer-semver (Maven, Java and node
come with the image).
Usage: scripts/oracles/generate-language-pairs.py [scheme ...]
"""

import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "Tests", "EcosystemsTests", "Fixtures", "versions")
SHARD_BYTES = 900_000
PAIRS = 60_000


def debian_versions(name_pattern=None):
    """Every (package, version) Debian's archive lists, optionally filtered by a package-name regex."""
    text = subprocess.run(["apt-cache", "dumpavail"], capture_output=True, text=True, check=True).stdout
    result = []
    name = None
    for line in text.splitlines():
        if line.startswith("Package: "):
            name = line[9:].strip()
        elif line.startswith("Version: ") and name is not None:
            if name_pattern is None or re.search(name_pattern, name):
                result.append((name, line[9:].strip()))
    return result


def upstream(version):
    """The upstream part of a Debian version: no epoch, no revision, and without Debian's repack suffixes."""
    version = version.split(":", 1)[1] if re.match(r"^\d+:", version) else version
    if "-" in version:
        version = version.rsplit("-", 1)[0]
    results = {version}
    stripped = re.sub(r"[+~](dfsg|ds|repack|really|debian|git|svn|nmu|deb|b\d|build).*$", "", version)
    results.add(stripped)
    results.add(stripped.replace("~", "-"))
    return {r for r in results if r}


def debian_upstream(name_pattern=None):
    result = set()
    for _, version in debian_versions(name_pattern):
        result |= upstream(version)
    return result


def run_oracle(command, lines, cwd=None, env=None):
    """Pipes lines through an oracle; returns one answer per line."""
    data = "".join(line + "\n" for line in lines)
    proc = subprocess.run(command, input=data, capture_output=True, text=True, cwd=cwd, env=env)
    if proc.returncode != 0:
        sys.exit(f"oracle {command} failed: {proc.stderr[-2000:]}")
    answers = proc.stdout.splitlines()
    if len(answers) != len(lines):
        sys.exit(f"oracle {command} answered {len(answers)} lines for {len(lines)}")
    return answers


def usable(version):
    """Strings that fit a TSV cell: no tabs, newlines or surrounding blanks (those get their own unit tests)."""
    return version and version == version.strip() and not re.search(r"[\t\n\r]", version) and len(version) < 200


def make_pairs(versions, count, seed, equal_groups=()):
    """Pairs that exercise the ordering: close neighbours (shared prefixes), same leading number, and random."""
    rng = random.Random(seed)
    ordered = sorted(versions)
    pairs = set()
    for i in range(len(ordered)):
        for step in (1, 2, 3):
            if i + step < len(ordered):
                pairs.add((ordered[i], ordered[i + step]))
    groups = {}
    for version in ordered:
        key = re.match(r"\D*\d*", version).group(0)
        groups.setdefault(key, []).append(version)
    group_list = [g for g in groups.values() if len(g) > 1]
    for group in equal_groups:
        for a in group:
            for b in group:
                pairs.add((a, b))
    pairs = list(pairs)
    rng.shuffle(pairs)
    pairs = pairs[: count * 6 // 10]
    chosen = set(pairs)
    attempts = 0
    while len(chosen) < count * 9 // 10 and group_list and attempts < count * 20:
        attempts += 1
        group = rng.choice(group_list)
        chosen.add((rng.choice(group), rng.choice(group)))
    while len(chosen) < count and attempts < count * 40:
        attempts += 1
        chosen.add((rng.choice(ordered), rng.choice(ordered)))
    for version in rng.sample(ordered, min(len(ordered), count // 100)):
        chosen.add((version, version))
    result = sorted(chosen)
    rng.shuffle(result)
    return [(a, b) if rng.random() < 0.5 else (b, a) for a, b in result]


def write_table(scheme, rows, header):
    for old in glob.glob(os.path.join(OUT, f"{scheme}-pairs-*.tsv")):
        os.remove(old)
    shard, size, index = [], 0, 0

    def flush():
        nonlocal shard, size, index
        if shard:
            with open(os.path.join(OUT, f"{scheme}-pairs-{index}.tsv"), "w", encoding="utf-8") as f:
                f.write(f"# {header}\n")
                f.writelines(shard)
            index += 1
        shard, size = [], 0

    for a, b, expected in rows:
        line = f"{a}\t{b}\t{expected}\n"
        if size + len(line.encode()) > SHARD_BYTES:
            flush()
        shard.append(line)
        size += len(line.encode())
    flush()
    return index


def write_invalid(scheme, strings, header):
    with open(os.path.join(OUT, f"{scheme}-invalid.txt"), "w", encoding="utf-8") as f:
        f.write(f"# {header}\n")
        for s in sorted(strings):
            f.write(s + "\n")


def build(scheme, corpus, oracle, header, seed, equal_groups=(), invalid_limit=600, validity=None):
    corpus = {v for v in corpus if usable(v)}
    corpus_list = sorted(corpus)
    answers = validity(corpus_list) if validity else run_oracle(oracle("valid"), corpus_list)
    valid = [v for v, ok in zip(corpus_list, answers) if ok == "1"]
    invalid = [v for v, ok in zip(corpus_list, answers) if ok != "1"]
    valid_set = set(valid)
    groups = [[v for v in g if v in valid_set] for g in equal_groups]
    pairs = make_pairs(valid, PAIRS, seed, groups)
    results = run_oracle(oracle("compare"), [f"{a}\t{b}" for a, b in pairs])
    rows = list(zip([a for a, _ in pairs], [b for _, b in pairs], results))
    shards = write_table(scheme, rows, header)
    rng = random.Random(seed)
    if invalid:
        write_invalid(scheme, rng.sample(invalid, min(invalid_limit, len(invalid))), header)
    counts = {k: results.count(k) for k in "<=>?"}
    print(f"{scheme}: {len(valid)} valid of {len(corpus)} strings, {len(rows)} pairs in {shards} shards {counts}")


def variants(bases, suffixes, rng, per_base=2):
    result = set()
    for base in sorted(bases):
        for suffix in rng.sample(suffixes, min(per_base, len(suffixes))):
            result.add(base + suffix)
    return result


def toggle_case(strings, rng, fraction=0.1):
    return {s.swapcase() if rng.random() < 0.5 else s.upper() for s in sorted(strings) if rng.random() < fraction}


# Maven


MAVEN_TEST_VECTORS = """
1-alpha2snapshot 1-alpha2 1-alpha-123 1-beta-2 1-beta123 1-m2 1-m11 1-rc 1-cr2 1-rc123 1-SNAPSHOT 1 1-sp 1-sp2
1-sp123 1-abc 1-def 1-pom-1 1-1-snapshot 1-1 1-2 1-123 2.0 2-1 2.0.a 2.0.0.a 2.0.2 2.0.123 2.1.0 2.1-a 2.1b 2.1-c
2.1-1 2.1.0.1 2.2 2.123 11.a2 11.a11 11.b2 11.b11 11.m2 11.m11 11 11.a 11b 11c 11m 1.0 1.0.0 1-0 1.0-0 1a 1.a 1-a
1.0-a 1.0.0-a 1.0a 1.0.a 1.0.0a 1.0.0.a 1x 1.x 1-x 1.0-x 1.0.0-x 1.0x 1.0.x 1.0.0x 1.0.0.x 1ga 1final 1cr 1rc 1a1
1alpha1 1b2 1beta2 1m3 1milestone3 1X 1A 1B 1M 1Ga 1GA 1Final 1FinaL 1FINAL 1Cr 1Rc 1cR 1rC 1Milestone3 1MileStone3
1MILESTONE3 2 1.5 2.5 1.1 1.2 1.2.0 1.0.1 1.0-alpha-1 1.0-alpha-2 1.0-beta-1 1.0-SNAPSHOT 1.0-alpha-1-SNAPSHOT 1.0-1
1.0-2 2.0-1 2.0.1 2.0.1-klm 2.0.1-lmn 2.0.1-xyz 2.0.1-123 1-abcdefghijklmnopqrstuvwxyz 1-ABCDEFGHIJKLMNOPQRSTUVWXYZ
1.0.0.X1 1.0.0-X2 1.0.0.X 1.0.0-X 1-release 1.RELEASE 1.0.RELEASE 1-ga-1 1-final-1 1.0.0-RC1 1.0.0.RC1 1.0.0.Final
0.0.0.0.1 1.0.0.0.0.0.0 1-0-0-0 1.0.0-0.0.0 2147483647 2147483648 9223372036854775807 9223372036854775808
123456789012345678901234567890 1.2147483648 1.9223372036854775808 1.0000000000000000000001 1.00000000001 . - .. --
1..1 1--1 -1 .1 1. 1- 1.-1 1-.1 a b m a1 b1 m1 1.a.1 1.b.1 1.m.1 1-a-1 1.sp.1 1-sp-1 1.1-sp 1.1.sp
""".split()

MAVEN_SUFFIXES = [
    "-SNAPSHOT", "-snapshot", "-alpha-1", "-alpha1", "-a1", "a1", ".a1", "-alpha", "-beta-2", "-b2", "-beta", "-M1",
    "-m1", "-milestone-1", "-RC1", "-RC", "-rc.1", "-rc-1", "-CR1", "-cr-1", ".Final", ".FINAL", "-final", "-GA",
    "-ga", ".GA", ".RELEASE", "-release", "-SP1", "-sp", ".SP2", "-1", "-01", "-2", ".0", ".0.0", "-0", "-xyz",
    ".xyz", "-jre", "-android", "-jdk8", ".jdk7", "-incubating", "-M2-SNAPSHOT", "-RC2-SNAPSHOT", "-1-SNAPSHOT",
    "-beta-1-SNAPSHOT", ".1", ".10", "-20230101.120000-1", "-b01", "_1", "+build.1", "-alpha.2", ".v20200101",
    "-v20200101-1200", "-redhat-00001", ".redhat-1", "-e5", "-pre", "-preview", "-dev", "-nightly",
]


def maven_corpus(rng):
    corpus = set(MAVEN_TEST_VECTORS)
    for repository in ("/usr/share/maven-repo", os.path.expanduser("~/.m2/repository")):
        for pom in glob.glob(f"{repository}/**/*.pom", recursive=True):
            corpus.add(os.path.basename(os.path.dirname(pom)))
            try:
                with open(pom, encoding="utf-8", errors="replace") as f:
                    for match in re.finditer(r"<version>([^<${}\[\](),\s]+)</version>", f.read()):
                        corpus.add(match.group(1))
            except OSError:
                pass
    java = debian_upstream(r"java|maven|^lib.*-java$|scala|clojure|groovy|kotlin")
    corpus |= java
    everything = sorted(debian_upstream())
    corpus |= set(rng.sample(everything, 4000))
    bases = sorted(v for v in corpus if re.fullmatch(r"\d+(\.\d+){0,3}", v))
    corpus |= variants(rng.sample(bases, min(1500, len(bases))), MAVEN_SUFFIXES, rng)
    corpus |= toggle_case(corpus, rng)
    return corpus


def maven_oracle(mode):
    jar = "/usr/share/maven-repo/org/apache/maven/maven-artifact/3.8.7/maven-artifact-3.8.7.jar"
    build_dir = os.path.join(tempfile.gettempdir(), "plimsoll-maven-oracle")
    os.makedirs(build_dir, exist_ok=True)
    if not os.path.exists(os.path.join(build_dir, "MavenOracle.class")):
        subprocess.run(["javac", "-cp", jar, "-d", build_dir, os.path.join(HERE, "MavenOracle.java")], check=True)
    return ["java", "-cp", f"{jar}:{build_dir}", "MavenOracle", mode]


# RubyGems


RUBYGEMS_TEST_VECTORS = """
1.0 1.0.0 1.0.a 1.8.2 0.0.0 1.8.2.a 1.8.2.b 1.8.2.a10 1.8.2.a9 0 1.2 1.3 1.2.b1 1.2.b.1 1.2.0.a 2.9.b 22.1.50.0.d
1.2.d.42 1.A 1.2.0 2.9 22.1.50.0 1.1 1.1.rc10 1.9.3 1.9.3.alpha.5 5.2.4 5.3 5.2.4.a 5.2.4.a10 5.1 5.0.0 6 5
1.0.0-alpha 1.0.0-alpha.1 1.0.0-beta.2 1.0.0-beta.11 1.0.0-rc.1 1.0.0-rc.1+build.1 1.0.0+0.3.7 1.3.7+build
1.3.7+build.2.b8f12d7 1.3.7+build.11.e0f985a junk 1.0\n2.0 1.0.0.pre 1.0.0.pre.1 1.0.0-pre 1.0.0.rc1 1.0.0.RC1
1.0.0.Rc1 1.0.0.a.b 1.0.0.a.1 1.0.0.a.0 1.0.0.a0 1.0.a.0.0 1.0.0.0.a 1.a.0 1.0.0.0.0.1 00.01 1.0.pre.0 1.0-0
1.0.0-0 1.0.x 1.0.X 1 12345678901234567890.1 1.12345678901234567890 1.0.0.1.a 1.-1 1..0 .1 1. 1.0.0.pre-1
""".split()

RUBYGEMS_SUFFIXES = [
    ".pre", ".pre.1", ".pre2", ".rc1", ".rc.1", ".RC1", ".beta", ".beta.2", ".beta2", ".alpha", ".alpha.1", "-alpha",
    "-rc.1", "-pre", "-beta.3", ".a", ".b", ".A", "a", "b1", ".0", ".0.0", ".1", ".10", ".0.a", ".0.1", "-1", "-1.0",
    ".dev", ".dev.1", ".preview1", ".pre.beta.1", "-x86-linux", ".20230101",
]


def gemspec_versions():
    found = set()
    for spec in glob.glob("/usr/share/rubygems-integration/**/*.gemspec", recursive=True) + glob.glob(
        "/usr/lib/ruby/gems/**/*.gemspec", recursive=True
    ) + glob.glob("/var/lib/gems/**/*.gemspec", recursive=True):
        match = re.search(r"-(\d[^/-]*)\.gemspec$", spec)
        if match:
            found.add(match.group(1))
        try:
            with open(spec, encoding="utf-8", errors="replace") as f:
                for m in re.finditer(r"[\"'](?:[~><=!]+ )?(\d[0-9A-Za-z.\-]*)[\"']", f.read()):
                    found.add(m.group(1))
        except OSError:
            pass
    return found


def rubygems_corpus(rng):
    corpus = set(RUBYGEMS_TEST_VECTORS) | gemspec_versions()
    corpus |= debian_upstream(r"^ruby")
    everything = sorted(debian_upstream())
    corpus |= set(rng.sample(everything, 5000))
    bases = sorted(v for v in corpus if re.fullmatch(r"\d+(\.\d+){0,3}", v))
    corpus |= variants(rng.sample(bases, min(1500, len(bases))), RUBYGEMS_SUFFIXES, rng)
    corpus |= toggle_case(corpus, rng, 0.05)
    return corpus


def rubygems_oracle(mode):
    return ["ruby", os.path.join(HERE, "rubygems_oracle.rb"), mode]


# SemVer and npm


SEMVER_ORG_REGEX = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$",
    re.ASCII,
)

SEMVER_TEST_VECTORS = """
0.0.0 0.0.0-foo 0.0.1 1.0.0 0.9.9 0.10.0 0.9.0 0.99.0 2.0.0 1.2.3 1.2.3-asdf 1.2.3-4 1.2.3-4-foo 1.2.3-5-foo
1.2.3-5 1.2.3-5-Foo 3.0.0 2.7.2+asdf 1.2.3-a.10 1.2.3-a.5 1.2.3-a.b 1.2.3-a 1.2.3-a.b.c.10.d.5 1.2.3-a.b.c.5.d.100
1.2.3-r2 1.2.3-r100 1.2.3-R2 1.0.0-alpha 1.0.0-alpha.1 1.0.0-alpha.beta 1.0.0-beta 1.0.0-beta.2 1.0.0-beta.11
1.0.0-rc.1 1.0.0+20130313144700 1.0.0-beta+exp.sha.5114f85 1.0.0+21AF26D3----117B344092BD 1.0.0-0.3.7
1.0.0-x.7.z.92 1.0.0-x-y-z.-- 2.0.0-rc.1+build.123 1.2.3----RC-SNAPSHOT.12.9.1--.12+788 1.2.3----R-S.12.9.1--.12+meta
1.0.0-0A.is.legal 1.1.2+meta-valid 10.20.30 1.1.2-prerelease+meta 1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay
99999999999999.999999999999.99999999999 9007199254740991.0.0 1.2.3-0 1.2.3-00 01.2.3 1.02.3 1.2.03 1.2.3-01
1.2 1.2.3.4 1.2.3- 1.2.3+ 1.2.3-+ 1.2.3-. 1.2.3-a..b 1.2.3+a..b v1.2.3 =1.2.3 1.2.3beta 1.2.3-beta. 1.2.3-beta_1
v1.2.3-beta =v1.2.3 v=1.2.3 1.2.3-- 1.2.3--- 1.2.3-- 1.2.3-.a 1.2.3-a- 1.2.3-0a 1.2.3-00a 1.2.3--1 1.2.3-1- 1.2.3-x.0
1.2.3-x.00 1.2.3-x.01 1.2.3-x.1.0 1.2.3-x.1-0 1.2.3+00 1.2.3+build-01 1.2.3-rc.1+build.01 001.002.003-004
1.2.3-0.0 1.2.3-1.0 1.2.3-1.1 1.2.3-9.a 1.2.3-10.a 1.2.3-a.9 1.2.3-a.10 1.2.3-A 1.2.3-Z 1.2.3-_ 1.2.3-~
""".split()

SEMVER_SUFFIXES = [
    "-alpha", "-alpha.1", "-alpha.beta", "-beta", "-beta.2", "-beta.11", "-rc.1", "-rc.2", "-rc1", "-RC1", "-0",
    "-1", "-0.1", "-1.0", "-pre", "-pre.0", "-next.3", "-canary.5", "-dev", "-x.7.z.92", "-alpha-1", "-a.b.c",
    "+build", "+build.1", "+001", "-beta+exp.sha.5114f85", "-rc.1+build.5", "-0.3.7", "-SNAPSHOT", "-alpha.0",
    "-20230101", "-20230101.abcdef", "-beta.1.2", "-beta-2", "--", "-a-", "-0a", "-00a", "-Beta", "-BETA",
]

NPM_LOOSE_FORMS = [
    "v{}", "={}", " {}", "v {}", "= {}", "=v{}", "v={}", "vv{}", "{}beta", "{}beta.1", "{}-01", "{}-beta.01",
    "{}rc1",
]


def node_versions():
    found = set()
    for package in glob.glob("/usr/lib/node_modules/**/package.json", recursive=True) + glob.glob(
        "/usr/share/nodejs/**/package.json", recursive=True
    ):
        try:
            with open(package, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            if isinstance(data.get("version"), str):
                found.add(data["version"])
            for key in ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"):
                deps = data.get(key)
                if isinstance(deps, dict):
                    for spec in deps.values():
                        if isinstance(spec, str):
                            found |= set(re.findall(r"\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?", spec))
    return found


def semver_corpus(rng, loose):
    corpus = set(SEMVER_TEST_VECTORS) | node_versions()
    corpus |= debian_upstream(r"^node-")
    everything = sorted(debian_upstream())
    corpus |= set(rng.sample(everything, 6000))
    bases = sorted(v for v in corpus if re.fullmatch(r"\d+\.\d+\.\d+", v))
    corpus |= variants(rng.sample(bases, min(2000, len(bases))), SEMVER_SUFFIXES, rng, 3)
    if loose:
        for base in rng.sample(bases, min(1500, len(bases))):
            corpus.add(rng.choice(NPM_LOOSE_FORMS).format(base))
            parts = base.split(".")
            corpus.add(".".join("0" + p if rng.random() < 0.3 else p for p in parts))
    return corpus


def semver_strict_validity(strings):
    """SemanticVersion follows semver.org's regex; node-semver is the ordering oracle within it.

    Versions with numbers beyond 2^53 are left out of the table: node-semver compares those as doubles.
    """
    return ["1" if SEMVER_ORG_REGEX.match(s) and not re.search(r"\d{16,}", s) else "0" for s in strings]


def semver_oracle(strictness):
    def oracle(mode):
        return ["node", os.path.join(HERE, "semver_oracle.js"), mode, strictness]

    return oracle


# Go


GO_TEST_VECTORS = """
bad v1-alpha.beta.gamma v1-pre v1+meta v1-pre+meta v1.2-pre v1.2+meta v1.2-pre+meta v1.0.0-alpha v1.0.0-alpha.1
v1.0.0-alpha.beta v1.0.0-beta v1.0.0-beta.2 v1.0.0-beta.11 v1.0.0-rc.1 v1 v1.0 v1.0.0 v1.2 v1.2.0 v1.2.3-456
v1.2.3-456.789 v1.2.3-456-789 v1.2.3-456a v1.2.3-pre v1.2.3-pre+meta v1.2.3-pre.1 v1.2.3-zzz v1.2.3 v1.2.3+meta
v1.2.3+meta-pre v1.2.3+meta-pre.sha.256a v2 v1.19 v0.0.0-20191109021931-daa7c04131f5 v1.2.4-0.20191109021931-daa7c04131f5
v1.2.3-pre.0.20191109021931-daa7c04131f5 v2.0.0+incompatible v2.1.0+incompatible v1.2.3-0 v01.2.3 v1.02.3 v1.2.03
v1.2.3-01 1.2.3 1.21.0 1.21.0-rc.1 1.21.3 1.22.0-rc.2 go1.21.3 V1.2.3 v1.2.3.4 v1.2.3- v1.2.3+ v1.2.3-a..b
v0.0.0-00010101000000-000000000000 v1.0.0-20170915032832-14c0d48ead0c v4.0.0+incompatible v1.0.0-rc1 v1.0.0-RC1
""".split()


def go_corpus(rng):
    corpus = set(GO_TEST_VECTORS)
    for path in glob.glob("/usr/share/gocode/**/go.sum", recursive=True) + glob.glob(
        "/usr/share/gocode/**/go.mod", recursive=True
    ):
        with open(path, encoding="utf-8", errors="replace") as f:
            corpus |= set(re.findall(r"\bv\d+\.\d+\.\d+[0-9A-Za-z.+\-]*", f.read()))
    corpus = {v.removesuffix("/go.mod") for v in corpus}
    for _, version in debian_versions(r"^golang-"):
        for up in upstream(version):
            git = re.match(r"^(\d+)\.(\d+)\.(\d+)[~+]git(\d{8})\.([0-9a-f]{6,12})", up)
            if git:
                major, minor, patch, date, commit = git.groups()
                stamp = date + "%06d" % rng.randrange(240000)
                commit = (commit * 2)[:12]
                if (major, minor, patch) == ("0", "0", "0"):
                    corpus.add(f"v0.0.0-{stamp}-{commit}")
                else:
                    corpus.add(f"v{major}.{minor}.{int(patch) + 1}-0.{stamp}-{commit}")
                    corpus.add(f"v{major}.{minor}.{patch}-rc.1.0.{stamp}-{commit}")
            elif re.fullmatch(r"\d+\.\d+\.\d+", up):
                corpus.add("v" + up)
                if int(up.split(".")[0]) >= 2:
                    corpus.add("v" + up + "+incompatible")
    everything = sorted(debian_upstream())
    corpus |= {"v" + v for v in rng.sample(everything, 3000)}
    bases = sorted(v for v in corpus if re.fullmatch(r"v\d+\.\d+\.\d+", v))
    corpus |= variants(rng.sample(bases, min(1500, len(bases))), SEMVER_SUFFIXES + ["+incompatible"], rng, 2)
    # OSV writes Go versions without the "v": about a quarter of the strings drop it.
    corpus |= {v[1:] for v in sorted(corpus) if v.startswith("v") and rng.random() < 0.25}
    return corpus


def go_oracle(mode):
    binary = os.path.join(tempfile.gettempdir(), "plimsoll-go-oracle")
    if not os.path.exists(binary):
        env = dict(os.environ, GO111MODULE="off", GOPATH="/usr/share/gocode", GOCACHE=tempfile.mkdtemp())
        subprocess.run(["go", "build", "-o", binary, os.path.join(HERE, "go_oracle.go")], check=True, env=env)
    return [binary, mode]


# Composer


COMPOSER_TEST_VECTORS = """
1.0.0 1.2.3.4 1.0.0RC1dev 1.0.0-rC15-dev 1.0.0.RC.15-dev 1.0.0-rc1 1.0.0.pl3-dev 1.0-dev 0 10.4.13-beta
10.4.13beta2 10.4.13beta.2 10.4.13-b 10.4.13-b5 v1.0.0 2010.01 2010.01.02 2010.1.555 2010.10.200 v20100102
2010-01-02 2010-01-02.5 20100102-203040 20150920.0.0 20100102203040-10 20100102-203040-p1 dev-master dev-trunk
1.x-dev dev-feature-foo DEV-FOOBAR dev-feature/foo dev-feature+issue-1 1.0.0-beta.5+foo 1.0.0+foo
1.0.0-alpha.3.1+foo 1.0.0-alpha2.1+foo 1.0.0-alpha-2.1-3+foo 1.0.0-0.3.7 1.0.0-x.7.z.92 a 1.0.0-meh 1.0.0.0.0
feature-foo master trunk default dev-default dev-main dev-develop 1.0@dev 1.0.0@beta 1.0.0-stable 1.0.0-patch1
1.0.0-pl2 1.0.0-p3 1.0.0p4 1.0.x-dev 1.0.*-dev 2.x-dev v1.x-dev 1.2.3.x-dev 1.0.0-alpha 1.0.0-a1 1.0.0-beta
1.0.0-b2 1.0.0-RC 1.0.0-rc2 1.0.0-dev 1.0.0-alpha1-dev 123456 1234567 12345.1 99999.0 100000.0 1.0.0+ 1.0.0-
v1 v1.0 1.0.0.0 1.0.0.0-dev 1.0.0.0-beta 1.0.0.0-RC1 1.0.0.0-patch1 9999999-dev 1.9999999.9999999.9999999-dev
""".split()

COMPOSER_SUFFIXES = [
    "-dev", ".x-dev", "-alpha", "-alpha1", "-alpha.2", "alpha3", "-a1", "-beta", "-beta1", "-beta.2", "beta3", "-b2",
    "-RC", "-RC1", "-rc.2", "RC3", "-stable", "-patch1", "-pl2", "-p3", "p4", "-beta1-dev", "-RC2-dev", "+build.5",
    "@dev", "@stable", "@beta", "-BETA2", ".0", ".0.0", ".1",
]


def composer_corpus(rng):
    corpus = set(COMPOSER_TEST_VECTORS)
    corpus |= debian_upstream(r"^php")
    everything = sorted(debian_upstream())
    corpus |= set(rng.sample(everything, 5000))
    bases = sorted(v for v in corpus if re.fullmatch(r"\d+(\.\d+){0,3}", v))
    corpus |= variants(rng.sample(bases, min(1500, len(bases))), COMPOSER_SUFFIXES, rng, 2)
    corpus |= {"v" + b for b in rng.sample(bases, min(500, len(bases)))}
    names = ["master", "main", "develop", "feature/login", "1.x", "2.0", "bugfix-123", "release/2.1", "MASTER", "trunk"]
    corpus |= {"dev-" + n for n in names}
    corpus |= {f"{d[:4]}-{d[4:6]}-{d[6:]}" for d in re.findall(r"20\d{6}", " ".join(everything))[:300]}
    corpus |= toggle_case(corpus, rng, 0.03)
    return corpus


def composer_oracle(mode):
    return ["php", os.path.join(HERE, "composer_oracle.php"), mode]


# npm ranges


NODE_SEMVER_RANGE_VECTORS = [
    "1.0.0 - 2.0.0", "^1.2.3+build", "1.2.3-pre+asdf - 2.4.3-pre+asdf", "1.2.3pre+asdf - 2.4.3-pre+asdf",
    "1.2.3+asdf - 2.4.3+asdf", "1.0.0", ">=*", "", "*", ">=1.0.0", ">1.0.0", "<=2.0.0", "<2.0.0", ">= 1.0.0",
    ">=  1.0.0", "> 1.0.0", "<=   2.0.0", "<    2.0.0", "<\t2.0.0", ">=0.1.97", "0.1.20 || 1.2.4", ">=0.2.3 || <0.0.1",
    "||", "2.x.x", "1.2.x", "1.2.x || 2.x", "x", "2.*.*", "1.2.*", "1.2.* || 2.*", "2", "2.3", "~0.0.1", "~x", "~2",
    "~2.4", "~>3.2.1", "~1", "~>1", "~> 1", "~1.0", "~ 1.0", "~ 1.0.3", "~ 1.0.3alpha", ">=1", ">= 1", "<1.2", "< 1.2",
    "~v0.5.4-pre", "=0.7.x", "<=0.7.x", ">=0.7.x", "~1.2.1 >=1.2.3", "~1.2.1 =1.2.3", "~1.2.1 1.2.3",
    "~1.2.1 >=1.2.3 1.2.3", ">=1.2.1 1.2.3", ">=1.2", "^1.2.3", "^0.1.2", "^0.1", "^0.0.1", "^1.2", "^1.2 ^1",
    "^1.2.3-alpha", "^1.2.0-alpha", "^0.0.1-alpha", "^0.1.1-alpha", "^x", "x - 1.0.0", "x - 1.x", "1.0.0 - x",
    "1.x - x", "<=7.x", "^1.0.0-0", "^1.0.0-rc2", "1.0.0 - 2.0.0 || >=3.0.0", ">=0.0.0", ">=0.0.0-0", "<0.0.0-0",
    ">1.x", "<1.x", ">x", "<x", "<=x", "=x", ">=1.2.3 <1.2.3", "1.2.3 - 1.2", "1.2 - 1.2.3", "^0.0", "^0", "~0",
    "^00.1.2", "^0.00.2", "01.2.3", "v1.2.3", "=v1.2.3", "~ 1", "^ 1.2", ">= v1.2.3", "1.2.3 -2.3.4", "1.2.3- 2.3.4",
    "1.2.3 - 2.3.4 - 3.4.5", "latest", "next", "file:../x", "git+https://x", "npm:foo@1", ">=1.2.3 || garbage", "1 2",
    "> =1.2.3", ">=1.2.3,<2", "~1.2.3beta", "^1.2.3beta", "1.2.3 || ", " || 1.2.3", "*.1.2", "1.*.2", ">*", "<*",
    "<=*", "=*", "!=1.2.3", ">>1.2.3", "^9007199254740991", "~9007199254740991.1", ">9007199254740992.0.0",
]


def node_ranges():
    found = set()
    for package in glob.glob("/usr/lib/node_modules/**/package.json", recursive=True):
        try:
            with open(package, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict):
            continue
        for key in ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"):
            deps = data.get(key)
            if isinstance(deps, dict):
                found |= {spec for spec in deps.values() if isinstance(spec, str)}
        engines = data.get("engines")
        if isinstance(engines, dict):
            found |= {spec for spec in engines.values() if isinstance(spec, str)}
    return found


def synthetic_ranges(rng, count):
    def number():
        return str(rng.choice([0, 0, 1, 1, 2, 3, 4, 5, 9, 10, 12, 20, 99]))

    def partial():
        parts = [number()]
        for _ in range(rng.choice([0, 1, 2, 2, 2, 2])):
            parts.append(rng.choice([number(), number(), number(), "x", "X", "*"]))
        text = ".".join(parts)
        if len(parts) == 3 and rng.random() < 0.25:
            text += rng.choice(["-0", "-alpha", "-beta.2", "-rc.1", "beta", "-alpha.1"])
        if rng.random() < 0.05:
            text += "+build.1"
        if rng.random() < 0.08:
            text = rng.choice(["v", "=", "v=", "= "]) + text
        return text

    def comparator():
        form = rng.random()
        if form < 0.1:
            return f"{partial()} - {partial()}"
        if form < 0.15:
            return rng.choice(["*", "x", "", "X"])
        op = rng.choice(["", "", "=", ">", ">=", "<", "<=", "~", "~>", "^", "^", "^", "~"])
        space = " " if rng.random() < 0.1 else ""
        return op + space + partial()

    ranges = set()
    while len(ranges) < count:
        sets = []
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            sets.append(" ".join(comparator() for _ in range(rng.choice([1, 1, 2, 2, 3]))))
        ranges.add(rng.choice([" || ", "||", " ||"]).join(sets))
    return ranges


def versions_near(range_text, rng):
    bases = set()
    for match in re.finditer(r"(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?", range_text):
        numbers = [g if g and g.isdigit() else "0" for g in match.groups()]
        major, minor, patch = (int(n) for n in numbers)
        for dm, dn, dp in [(0, 0, 0), (0, 0, 1), (0, 1, 0), (1, 0, 0), (0, 0, -1), (0, -1, 0), (-1, 0, 0), (0, 1, 5)]:
            if major + dm >= 0 and minor + dn >= 0 and patch + dp >= 0:
                bases.add(f"{major + dm}.{minor + dn}.{patch + dp}")
    if not bases:
        bases = {"0.0.0", "1.0.0", "1.2.3"}
    versions = set()
    for base in sorted(bases):
        versions.add(base)
        for suffix in rng.sample(["-0", "-alpha", "-alpha.1", "-beta.2", "-pre", "-rc.1", "+build"], 2):
            versions.add(base + suffix)
    versions = sorted(versions)
    return rng.sample(versions, min(len(versions), 14))


def build_npm_ranges(rng):
    ranges = set(NODE_SEMVER_RANGE_VECTORS) | node_ranges() | synthetic_ranges(rng, 2600)
    ranges = sorted(r for r in ranges if "\n" not in r and "\t" not in r and len(r) < 200)
    header = "range, version, expected (1 in, 0 out) from node-semver 7.6 Range with loose: true{}; " \
        "scripts/oracles/generate-language-pairs.py"
    for name, flag in (("npm-range", ""), ("npm-range-prerelease", "includePrerelease")):
        rows = [(r, v) for r in ranges for v in versions_near(r, rng)]
        command = ["node", os.path.join(HERE, "semver_range_oracle.js")] + ([flag] if flag else [])
        answers = run_oracle(command, [f"{r}\t{v}" for r, v in rows])
        invalid = sorted({r for (r, _), answer in zip(rows, answers) if answer == "!"})
        kept = [(r, v, answer) for (r, v), answer in zip(rows, answers) if answer != "!"]
        shards = write_table(name, kept, header.format(", includePrerelease: true" if flag else ""))
        if not flag:
            write_invalid(name, invalid, header.format(""))
        counts = {k: answers.count(k) for k in "10!"}
        print(f"{name}: {len(ranges)} ranges ({len(invalid)} invalid), {len(kept)} rows in {shards} shards {counts}")


SCHEMES = {
    "maven": lambda rng: build(
        "maven", maven_corpus(rng), maven_oracle,
        "expected from org.apache.maven.artifact.versioning.ComparableVersion (Maven 3.8.7); scripts/oracles/generate-language-pairs.py",
        1,
    ),
    "rubygems": lambda rng: build(
        "rubygems", rubygems_corpus(rng), rubygems_oracle,
        "expected from Gem::Version (RubyGems 3.3, Debian ruby); scripts/oracles/generate-language-pairs.py", 2,
    ),
    "semver": lambda rng: build(
        "semver", semver_corpus(rng, loose=False), semver_oracle("strict"),
        "valid per semver.org's regex; order from node-semver 7.6 (strict); scripts/oracles/generate-language-pairs.py", 3,
        validity=semver_strict_validity,
    ),
    "npm": lambda rng: build(
        "npm", semver_corpus(rng, loose=True), semver_oracle("loose"),
        "expected from node-semver 7.6 with loose: true (bundled with npm); scripts/oracles/generate-language-pairs.py", 4,
    ),
    "go": lambda rng: build(
        "go", go_corpus(rng), go_oracle,
        "expected from golang.org/x/mod/semver (v added when missing, as OSV omits it); scripts/oracles/generate-language-pairs.py",
        5,
    ),
    "npm-range": build_npm_ranges,
    "composer": lambda rng: build(
        "composer", composer_corpus(rng), composer_oracle,
        "expected from composer/semver 3.3 normalize + Comparator (as Semver::sort); scripts/oracles/generate-language-pairs.py", 6,
    ),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for scheme in sys.argv[1:] or list(SCHEMES):
        SCHEMES[scheme](random.Random(scheme))


if __name__ == "__main__":
    main()
