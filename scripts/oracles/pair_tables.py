"""Shared pieces of the dpkg, rpm and PEP 440 table generators: pair selection and sharded TSV output.

A table is TSV, `a<TAB>b<TAB>expected` with expected `<`, `=` or `>`, after one `#` line saying how it was made,
split into `<scheme>-pairs-<n>.tsv` shards of at most SHARD_BYTES so that no committed file nears 1 MB.
"""

import functools
import glob
import gzip
import os
import random
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "Tests", "EcosystemsTests", "Fixtures", "versions")
SHARD_BYTES = 600_000


def archive_versions(groups):
    """Adds every binary and source version the apt lists name, grouped by source package."""
    for path in sorted(glob.glob("/var/lib/apt/lists/*_Packages*")):
        text = subprocess.run(
            ["/usr/lib/apt/apt-helper", "cat-file", path], capture_output=True, text=True, check=True
        ).stdout
        for stanza in text.split("\n\n"):
            fields = dict(re.findall(r"^([A-Za-z-]+): *(.*)$", stanza, re.MULTILINE))
            if "Version" not in fields:
                continue
            source = fields.get("Source", fields.get("Package", "")).split()
            name = source[0] if source else fields.get("Package")
            groups.setdefault(name, set()).add(fields["Version"].strip())
            match = re.search(r"\((.+)\)", fields.get("Source", ""))
            if match:
                groups[name].add(match.group(1).strip())


def installed_versions(groups):
    """Adds the versions of the packages installed on this machine."""
    with open("/var/lib/dpkg/status", encoding="utf-8") as file:
        for stanza in file.read().split("\n\n"):
            fields = dict(re.findall(r"^([A-Za-z-]+): *(.*)$", stanza, re.MULTILINE))
            if "Version" in fields:
                name = fields.get("Source", fields.get("Package", "")).split()
                groups.setdefault(name[0] if name else "", set()).add(fields["Version"].strip())


def changelog_versions(groups):
    """Adds every version in the Debian changelog of each installed package: each package's own history."""
    entry = re.compile(r"^([a-z0-9][a-z0-9+.-]+) \(([^()\s]+)\) ", re.MULTILINE)
    for path in sorted(glob.glob("/usr/share/doc/*/changelog.Debian.gz")):
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as file:
            for name, version in entry.findall(file.read()):
                groups.setdefault(name, set()).add(version)


def debian_version_groups():
    """Real Debian versions on this machine, grouped by source package: apt lists, dpkg status, changelogs."""
    groups = {}
    archive_versions(groups)
    installed_versions(groups)
    changelog_versions(groups)
    return groups


def symbol(order):
    """`<`, `=` or `>` for a comparison result's sign."""
    return "<" if order < 0 else (">" if order > 0 else "=")


def select_pairs(groups, compare, total, rng, per_group=60, neighbours=(1, 2, 5)):
    """Pairs of distinct versions: same-package pairs, near neighbours in the global order, and random pairs.

    `groups` maps a package name to its versions. Within a package: every version against the next one in
    order, plus random pairs up to `per_group`; these fill at most 45% of the table. Across packages: versions
    `neighbours` places apart in the sorted list of all versions, the hardest cases, up to 85% of the table;
    random cross pairs fill the rest. Each pair gets a random orientation, and the table is shuffled.
    """
    key = functools.cmp_to_key(compare)
    seen = set()

    def pick(candidates, limit, into):
        for a, b in candidates:
            if len(into) >= limit:
                return
            if a == b or (a, b) in seen or (b, a) in seen:
                continue
            seen.add((a, b))
            into.append((a, b) if rng.random() < 0.5 else (b, a))

    def same_package():
        for name in sorted(groups):
            versions = sorted(sorted(set(groups[name])), key=key)
            yield from zip(versions, versions[1:])
            for _ in range(min(per_group, len(versions) * (len(versions) - 1) // 2)):
                yield tuple(rng.sample(versions, 2))

    everything = sorted(sorted({v for versions in groups.values() for v in versions}), key=key)

    def near():
        for distance in neighbours:
            yield from zip(everything, everything[distance:])

    def cross():
        while len(everything) > 1:
            yield tuple(rng.sample(everything, 2))

    candidates = list(same_package())
    rng.shuffle(candidates)
    chosen = []
    pick(candidates, int(total * 0.45), chosen)
    same = len(chosen)
    pick(near(), int(total * 0.85), chosen)
    close = len(chosen) - same
    pick(cross(), total, chosen)
    rng.shuffle(chosen)
    print(f"{len(everything)} distinct versions: {same} same-package, {close} neighbour, "
          f"{len(chosen) - same - close} random pairs")
    return chosen


def write_shards(scheme, header, rows, kind="pairs"):
    """Writes `rows` (tuples of strings) as `<scheme>-<kind>-<n>.tsv` shards, replacing the old shards."""
    for old in glob.glob(os.path.join(OUT, f"{scheme}-{kind}-*.tsv")):
        os.remove(old)
    os.makedirs(OUT, exist_ok=True)
    shard, size, lines = 0, 0, []

    def flush():
        path = os.path.join(OUT, f"{scheme}-{kind}-{shard}.tsv")
        with open(path, "w", encoding="utf-8", newline="\n") as file:
            file.write(f"# {header}\n")
            file.writelines(lines)

    for row in rows:
        assert not any(("\t" in field or "\n" in field or "\r" in field) for field in row), row
        line = "\t".join(row) + "\n"
        if lines and size + len(line.encode()) > SHARD_BYTES:
            flush()
            shard, size, lines = shard + 1, 0, []
        lines.append(line)
        size += len(line.encode())
    if lines:
        flush()
    print(f"{len(rows)} rows in {shard + 1} {scheme}-{kind} shard(s)")


def seeded(name):
    """A random generator seeded from the scheme's name, so that a rerun on the same inputs is identical."""
    return random.Random(f"plimsoll-{name}-pairs")
