#!/usr/bin/python3
"""Regenerates rpm-pairs-*.tsv in Tests/EcosystemsTests/Fixtures/versions/.

Debian's archive carries no RPM repository metadata, so the EVRs are built from real version strings:
- every real Debian version on this machine (see pair_tables.debian_version_groups), taken as an EVR as it is;
- Fedora, RHEL, Amazon Linux, SUSE and Mariner style EVRs made from the upstream part of those versions: seeded
  releases with dist tags (`3.fc40`, `1.el9_4.2`, `150500.3.6.1`, `0.1.rc2.fc41`, `1.module+el8.9.0+1234+abcd`),
  epochs, and the pre-release `~` and snapshot `^` forms Fedora's packaging guidelines prescribe;
- the vectors of rpm's own tests/rpmvercmp.at.
Each Debian source package's family of EVRs is one group, so same-package pairs differ in their release,
epoch or pre-release part.

Order: python3-rpm's `rpm.ver` comparison (rpm's rpmverCmp), cross-checked with `rpm.labelCompare` and, on a
sample, with `rpm --eval '%{lua:print(rpm.vercmp(a, b))}'`. One rule is Plimsoll's, not rpmverCmp's: when exactly one
side has a release, only epoch and version are compared (as rpm does when it matches a dependency), so the
expected value for such a pair is rpm.labelCompare's order of their epochs and versions alone.

Needs: apt-get install -y python3-rpm rpm. Run with the system python3 (/usr/bin/python3).
"""

import os
import re
import subprocess
import sys

import rpm

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pair_tables import debian_version_groups, seeded, select_pairs, symbol, write_shards  # noqa: E402

PAIRS = 60_000
CROSS_CHECKS = 1_000

# rpm's tests/rpmvercmp.at, both the plain and the caret/tilde vectors.
RPMVERCMP_VECTORS = """
1.0 2.0 2.0.1 2.0.1a 5.5p1 5.5p2 5.5p10 10xyz 10.1xyz xyz10 xyz10.1 xyz.4 8 2 5.6p1 6.5p1 6.0.rc1 6.0 10b2 10a1
10a2 1.0aa 1.0a 10.0001 10.1 10.0039 4.999.9 5.0 20101121 20101122 2_0 a a+ a_ +a _a +_ _+ + _ 1.0~rc1 1.0~rc2
1.0~rc1~git123 1.0^ 1.0^git1 1.0^git2 1.01 1.0^20160101 1.0.1 1.0^20160101^git1 1.0^20160102 1.0~rc1^git1
1.0^git1~pre 1b.fc17 1.fc17 1g.fc17
""".split()

DIST_TAGS = ["fc38", "fc39", "fc40", "fc41", "el7", "el8", "el9", "el8_6", "el8_10", "el9_2", "el9_4", "amzn2",
             "amzn2023", "azl3", "cm2", "mga9", "ph5", "oe2203", "an8", "al8", "ky10", "rhel9"]


def plimsoll_accepts(evr):
    """Whether RPMVersion accepts `evr`: printable ASCII, `:` only after a numeric epoch, no empty part."""
    if not evr or any(ord(c) <= 0x20 or ord(c) >= 0x7F for c in evr):
        return False
    rest = evr
    if ":" in evr:
        epoch, rest = evr.split(":", 1)
        if not epoch.isdigit() or int(epoch) > 2**31 - 1 or ":" in rest:
            return False
    version, _, release = rest.rpartition("-") if "-" in rest else (rest, "", None)
    return bool(version) and release != ""


def upstream(debian_version):
    """The upstream part of a Debian version, without Debian's repack markers."""
    version = re.sub(r"^\d+:", "", debian_version)
    version = version.rsplit("-", 1)[0] if "-" in version else version
    return re.sub(r"[+~.]?(dfsg|ds|repack|debian|really)[0-9.]*$", "", version) or version


def release(rng):
    """A release string in the style of one of the RPM distributions."""
    number = rng.choice([1, 1, 1, 2, 2, 3, 4, 5, 7, 10, 12, 21, 103])
    tag = rng.choice(DIST_TAGS)
    style = rng.randrange(9)
    if style == 0:
        return f"0.{number}.{rng.choice(['rc', 'beta', 'alpha', 'pre'])}{rng.randrange(1, 4)}.{tag}"
    if style == 1:
        return f"{number}.{tag}.{rng.randrange(1, 6)}"
    if style == 2:
        return f"{number}.module+el8.{rng.randrange(1, 11)}.0+{rng.randrange(1000, 30000)}+{rng.getrandbits(32):08x}"
    if style == 3:
        return f"150{rng.choice([3, 4, 5, 6])}00.{number}.{rng.randrange(1, 40)}.1"
    if style == 4:
        return f"{number}.{rng.choice(['20231004', '20240117', '20250301'])}git{rng.getrandbits(28):07x}.{tag}"
    if style == 5:
        return str(number)
    return f"{number}.{tag}"


def version_variants(version, rng):
    """The version as packaged: as released, as a `~` pre-release, or as a `^` snapshot after it."""
    choices = [version, version, version,
               f"{version}~rc{rng.randrange(1, 4)}", f"{version}~{rng.choice(['beta', 'alpha', 'pre'])}{rng.randrange(1, 3)}",
               f"{version}^{rng.choice(['20240101', '20231120', '20250402'])}git{rng.getrandbits(28):07x}",
               f"{version}~rc1^20240101g{rng.getrandbits(24):06x}", f"{version}^post{rng.randrange(1, 3)}"]
    return rng.choice(choices)


def family(versions, rng):
    """EVRs one RPM package might have had: a few upstream versions, each with several releases."""
    result = set()
    epoch = rng.choice(["", "", "", "", "0:", "1:", "2:", "3:"])
    for version in versions:
        for _ in range(rng.randrange(1, 4)):
            chosen_epoch = epoch if rng.random() < 0.9 else rng.choice(["", "1:", "4:"])
            evr = chosen_epoch + version_variants(version, rng)
            if rng.random() < 0.92:
                evr += "-" + release(rng)
            result.add(evr)
    return result


def rpm_order(a, b):
    """rpm.ver's order of two EVRs: epoch, version, then release, a missing release sorting first."""
    left, right = rpm.ver(a), rpm.ver(b)
    return -1 if left < right else (1 if left > right else 0)


def expected_order(a, b):
    """rpm's order, except that a release present on one side only is not compared (Plimsoll's convention)."""
    left, right = rpm.ver(a), rpm.ver(b)
    if (left.r is None) != (right.r is None):
        return rpm.labelCompare((left.e, left.v, None), (right.e, right.v, None))
    order = rpm_order(a, b)
    if left.r is not None and right.r is not None:
        labels = rpm.labelCompare((left.e, left.v, left.r), (right.e, right.v, right.r))
        assert labels == order, (a, b, labels, order)
    return order


def main():
    rng = seeded("rpm")
    debian = debian_version_groups()
    groups = {}
    for name in sorted(debian):
        versions = sorted(v for v in debian[name] if plimsoll_accepts(v))
        if versions:
            groups[f"debian/{name}"] = set(versions)
        upstreams = sorted({upstream(v) for v in debian[name]})
        if len(upstreams) > 6:
            upstreams = rng.sample(upstreams, 6)
        evrs = {evr for evr in family(upstreams, rng) if plimsoll_accepts(evr)}
        if evrs:
            groups[f"rpm/{name}"] = evrs
    groups["rpmvercmp.at"] = {v for v in RPMVERCMP_VECTORS if plimsoll_accepts(v)}

    pairs = select_pairs(groups, rpm_order, PAIRS, rng)
    rows = [(a, b, symbol(expected_order(a, b))) for a, b in pairs]
    vector_pairs = [(a, b) for a in sorted(groups["rpmvercmp.at"]) for b in sorted(groups["rpmvercmp.at"]) if a < b]
    rows += [(a, b, symbol(expected_order(a, b))) for a, b in vector_pairs]

    for a, b, expected in rng.sample(rows, CROSS_CHECKS):
        if (rpm.ver(a).r is None) != (rpm.ver(b).r is None):
            continue
        script = f'%{{lua:print(rpm.vercmp("{a}", "{b}"))}}'
        printed = subprocess.run(["rpm", "--eval", script], capture_output=True, text=True, check=True).stdout
        assert symbol(int(printed.strip())) == expected, (a, b, printed, expected)
    print(f"rpm --eval rpm.vercmp agrees on the sampled pairs that both have or both lack a release")
    write_shards(
        "rpm", "EVRs from real Debian versions, RPM-distribution releases made from them, rpmvercmp.at; order from "
        "python3-rpm rpm.ver, releases compared only when both sides have one; scripts/oracles/generate-rpm-pairs.py",
        rows)


if __name__ == "__main__":
    main()
