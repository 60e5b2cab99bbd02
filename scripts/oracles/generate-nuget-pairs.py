#!/usr/bin/env python3
"""Writes the hand-checked NuGet ordering table: Tests/EcosystemsTests/Fixtures/versions/nuget-pairs-0.tsv.

No .NET runtime is available here, so there is no oracle to run. Instead the chain below lists classes of equal
versions in ascending order; each was checked by hand against NuGet.Client's NuGetVersionFactory.TryParse and
VersionComparer.Default (src/NuGet.Core/NuGet.Versioning) and includes the cases of VersionComparerTests.cs. Every
pair of strings in the chain becomes a row: equal within a class, ordered by position across classes.
"""

import itertools
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(os.path.dirname(HERE)), "Tests", "EcosystemsTests", "Fixtures", "versions")

CHAIN = [
    ["0.0.0", "0", "0.0", "0.0.0.0", "00.0.0"],
    ["0.0.1-alpha"],
    ["0.0.1"],
    ["0.0.1.1"],
    ["0.1.0-beta", "0.1-BETA", "0.1.0.0-Beta"],
    ["0.1.0"],
    ["1.0.0--1"],  # int.TryParse("-1") is -1: a number, below 0.
    ["1.0.0-0"],
    ["1.0.0-1", "1.0.0-1+meta"],
    ["1.0.0-1.a"],
    ["1.0.0-2"],
    ["1.0.0-10"],
    ["1.0.0-2147483647"],
    ["1.0.0--"],  # Not a number; "-" sorts before "2" as text.
    ["1.0.0-2147483648"],  # Too big for int: compared as text, after every number.
    ["1.0.0-A", "1.0.0-a"],
    ["1.0.0-alpha", "1.0.0-ALPHA", "1.0.0-Alpha+build.5"],
    ["1.0.0-alpha.1"],
    ["1.0.0-alpha.beta"],
    ["1.0.0-beta", "1.0.0-BETA", "1.0.0-BETA+AA", "1.0.0-beta+aa"],
    ["1.0.0-beta.1+AA"],
    ["1.0.0-beta.2"],
    ["1.0.0-beta.11"],
    ["1.0.0-BETA.X.y.5.77.0+AA", "1.0.0-beta.x.y.5.77.0+aa"],
    ["1.0.0-beta.x.y.5.79.0+aa", "1.0.0-BETA.X.y.5.79.0+AA"],
    ["1.0.0-beta.x.y.5.790.0+abc"],
    ["1.0.0-beta-2"],  # "-" (0x2D) sorts before "2" (0x32).
    ["1.0.0-beta2", "1.0.0-BETA2"],
    ["1.0.0-rc.1", "1.0.0-RC.1"],
    ["1.0.0-z"],
    ["1.0.0", "1.0", "1", "1.0.0.0", "1.0.0+build", "01.0.0", "1.0.0.0+AA", "1.0.0+aa", "1.0.0+0.3.7"],
    ["1.0.0.1-alpha"],  # The fourth number decides before the labels.
    ["1.0.0.1"],
    ["1.0.1-alpha"],
    ["1.0.1"],
    ["1.1"],
    ["1.1.0.5"],
    ["1.10"],
    ["1.999.9999"],
    ["2.1.1"],
    ["2147483647.0.0"],
]

INVALID = [
    "a", "1.0.0.0.0", "1.0.0-", "1.0.0+", "1.0.0-01", "1.0.0-beta..1", "1.0.0-beta_1", "1.0.0-\u03b2",
    "2147483648.0.0", ".1", "1.", "1..0", "1.0.0-beta+", "-1.0", "1.0.0 beta", "1.0.0-beta+a..b", "v1.0.0",
    "1.0.0-+build", "1.0.0-beta.01",
]


def main():
    header = "hand-checked against NuGet.Versioning's parser and VersionComparer.Default; scripts/oracles/generate-nuget-pairs.py"
    rows = []
    flat = [(index, version) for index, group in enumerate(CHAIN) for version in group]
    for (i, a), (j, b) in itertools.product(flat, flat):
        rows.append(f"{a}\t{b}\t{'<' if i < j else ('=' if i == j else '>')}\n")
    with open(os.path.join(OUT, "nuget-pairs-0.tsv"), "w", encoding="utf-8") as f:
        f.write(f"# {header}\n")
        f.writelines(rows)
    with open(os.path.join(OUT, "nuget-invalid.txt"), "w", encoding="utf-8") as f:
        f.write(f"# {header}\n")
        f.writelines(v + "\n" for v in INVALID)
    print(f"nuget: {len(flat)} versions in {len(CHAIN)} classes, {len(rows)} pairs")


if __name__ == "__main__":
    main()
