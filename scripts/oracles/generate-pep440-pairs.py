#!/usr/bin/env python3
"""Regenerates pep440-pairs-*.tsv and pep440-parse-*.tsv in Tests/EcosystemsTests/Fixtures/versions/.

Real versions: every released version (pre-releases included) of PACKAGES, from `pip index versions --pre`, and
the latest version of every project in the PyPI listing the tool library keeps (PYPI_LISTING), which is where the
odd and invalid strings come from. Seeded respellings of real versions (`1.0-ALPHA1`, `v1.0.post-2`, `1.0rc`,
white space around) exercise the normalisation; seeded near-misses exercise the rejections.

Order and verdicts come from `packaging.version.Version` (the packaging installed for this python3):
pairs hold `<`, `=` or `>`; the parse table holds each string and `str(Version(string))`, or `invalid`.

Needs: pip install packaging; network access to PyPI for `pip index versions`.
"""

import functools
import os
import re
import subprocess
import sys

import packaging
from packaging.version import InvalidVersion, Version

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pair_tables import seeded, select_pairs, symbol, write_shards  # noqa: E402

PAIRS = 60_000
PYPI_LISTING = "/work/.library/env/packages/pypi.tsv"
PACKAGES = [
    "numpy", "django", "setuptools", "pip", "requests", "urllib3", "cryptography", "pytest", "sqlalchemy", "pandas",
    "tensorflow", "scipy", "pillow", "celery", "twisted", "pyyaml", "certifi", "pytz", "black", "mypy",
    "apache-airflow", "ansible-core", "pydantic", "sphinx", "coverage", "grpcio", "protobuf", "jinja2", "tornado",
    "ipython", "sympy", "botocore",
]


@functools.cache
def parsed(text):
    try:
        return Version(text)
    except InvalidVersion:
        return None


def compare(a, b):
    left, right = parsed(a), parsed(b)
    return -1 if left < right else (1 if left > right else 0)


def released_versions(name):
    """Every version of `name` on PyPI, through pip, the ordinary client."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "index", "versions", "--pre", name], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"^Available versions: (.*)$", result, re.MULTILINE)
    assert match, result
    return [v.strip() for v in match.group(1).split(",") if v.strip()]


def listed_versions():
    """The latest version of each project in the PyPI listing."""
    result = {}
    with open(PYPI_LISTING, encoding="utf-8") as file:
        next(file)
        for line in file:
            fields = line.rstrip("\n").split("\t")
            if len(fields) > 1 and fields[1]:
                result.setdefault(fields[1], fields[0])
    return result


PRE_SPELLINGS = {"a": ["a", "alpha", "A", "Alpha"], "b": ["b", "beta", "B", "BETA"],
                 "rc": ["rc", "c", "pre", "preview", "RC", "Preview"]}


def respelling(text, rng):
    """Another spelling of a valid version that packaging reads as the same version."""
    version = parsed(text)
    separator = lambda: rng.choice(["", "", ".", "-", "_"])  # noqa: E731
    release = ".".join(("0" * rng.choice([0, 0, 0, 1, 2])) + str(n) for n in version.release)
    result = rng.choice(["", "", "", "v", "V"]) + (f"{version.epoch}!" if version.epoch else "") + release
    bare_pre = False
    if version.pre:
        letter, number = version.pre
        bare_pre = not number and rng.random() < 0.5
        result += separator() + rng.choice(PRE_SPELLINGS[letter]) + ("" if bare_pre else separator() + str(number))
    if version.post is not None:
        # `1.0a-1` is `1.0a1`, so a bare pre-release cannot take the implicit `-N` post-release.
        if rng.randrange(4) == 0 and not bare_pre:
            result += f"-{version.post}"
        else:
            spelt = rng.choice(["post", "rev", "r", "POST"])
            number = separator() + str(version.post) if version.post or rng.random() < 0.5 else ""
            result += separator() + spelt + number
    if version.dev is not None:
        number = separator() + str(version.dev) if version.dev or rng.random() < 0.5 else ""
        result += separator() + rng.choice(["dev", "DEV", "Dev"]) + number
    if version.local:
        parts = re.split(r"[._-]", version.local)
        result += "+" + parts[0] + "".join(rng.choice(".-_") + part.upper() if rng.random() < 0.3 else "." + part
                                           for part in parts[1:])
    return rng.choice(["", "", "", "", " ", "\u00a0", "\u2003 "]) + result + rng.choice(["", "", "", " ", "\u3000"])


NEAR_MISSES = [".", "..", "-", "+", "!", "_", "a", "x", " x", "\u200b", "++", "+.", "dev-r3", ".post-", "1!", "final",
               "-1-1", "--1", ".*", "@", "\u00e9", "\uff11"]


def near_miss(text, rng):
    """A small edit of a real version, which packaging may or may not accept."""
    position = rng.randrange(len(text) + 1)
    return text[:position] + rng.choice(NEAR_MISSES) + text[position:]


def main():
    rng = seeded("pep440")
    groups = {}
    for name in PACKAGES:
        versions = [v for v in released_versions(name) if parsed(v) is not None]
        print(f"{name}: {len(versions)} versions")
        groups[name] = set(versions)
    listing = listed_versions()
    for text, name in sorted(listing.items()):
        if parsed(text) is not None:
            groups.setdefault(f"listing/{name}", set()).add(text)

    real = sorted({v for versions in groups.values() for v in versions})
    respellings = {}
    for text in rng.sample(real, 4_000):
        variant = respelling(text, rng)
        assert parsed(variant) == parsed(text), (text, variant)
        if "\t" not in variant and variant != text:
            respellings[variant] = text

    pairs = select_pairs(groups, compare, PAIRS - 2 * len(respellings), rng, per_group=700)
    variant_pairs = [(variant, text) for variant, text in sorted(respellings.items())]
    variant_pairs += [(variant, rng.choice(real)) for variant in sorted(respellings)]
    rows = [(a, b, symbol(compare(a, b))) for a, b in pairs + variant_pairs]
    write_shards(
        "pep440", f"PyPI versions and respellings of them; order from packaging {packaging.__version__} "
        "packaging.version.Version; scripts/oracles/generate-pep440-pairs.py", rows)

    candidates = set(listing) | set(respellings) | set(rng.sample(real, 2_000))
    candidates |= {near_miss(text, rng) for text in rng.sample(real, 3_000)}
    candidates = sorted(t for t in candidates if not any(c in t for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85"))
    parse_rows = []
    for text in candidates:
        version = parsed(text)
        if version is None or str(version) != text or rng.random() < 0.25:
            parse_rows.append((text, "invalid" if version is None else str(version)))
    write_shards(
        "pep440", f"PyPI versions, respellings and near misses; str(Version(text)) from packaging "
        f"{packaging.__version__}, or invalid; scripts/oracles/generate-pep440-pairs.py", parse_rows, kind="parse")


if __name__ == "__main__":
    main()
