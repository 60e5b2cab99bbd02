#!/usr/bin/env python3
"""Writes the CVSS oracle tables that Tests/VulnerabilityMatchingTests/CVSS checks Plimsoll's calculators against.

The scores come from Red Hat's reference implementation, the `cvss` package on PyPI (v2, v3.0, v3.1 and v4.0; its
v4.0 code is a port of FIRST's calculator). Install it and run this from the repository root:

    python3 -m venv /tmp/cvss-oracle && /tmp/cvss-oracle/bin/pip install cvss==3.6
    /tmp/cvss-oracle/bin/python scripts/oracles/generate-cvss-vectors.py

Everything is deterministic (fixed seed), so re-running it must leave the fixtures unchanged. It writes:

- `v2.tsv`, `v3.0.tsv`, `v3.1.tsv`, `v4.0.tsv`: `vector<TAB>score`. Every base vector of v2 (729) and of v3.x (2,592
  each), the valid vectors of the package's own tests, and seeded random vectors that also carry temporal,
  threat, environmental and supplemental metrics, in shuffled field order for some.
- `v4.0-base-scores.txt`: the score of every one of the 104,976 v4.0 base vectors, one a line, in the order
  `BASE_V4` below enumerates them (the last metric varies fastest), so the tests can walk the whole base space
  without a 9 MB table.
- `rejected.tsv`: `version<TAB>vector` for malformed vectors the oracle refuses (mutations of valid ones and the
  package's own bad examples); Plimsoll must refuse each of them too.
"""

import itertools
import os
import random
import sys

import cvss
from cvss import CVSS2, CVSS3, CVSS4, CVSSError
from cvss import constants2, constants3, constants4

EXPECTED_ORACLE = "3.6"
SEED = 20240611
RANDOM_PER_VERSION = 2500
MUTATIONS_PER_VERSION = 300
OUTPUT = os.path.join("Tests", "VulnerabilityMatchingTests", "Fixtures", "cvss")
SCRIPT = "scripts/oracles/generate-cvss-vectors.py"

BASE_V2 = ["AV", "AC", "Au", "C", "I", "A"]
OPTIONAL_V2 = ["E", "RL", "RC", "CDP", "TD", "CR", "IR", "AR"]
BASE_V3 = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"]
OPTIONAL_V3 = ["E", "RL", "RC", "CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"]
BASE_V4 = ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"]
OPTIONAL_V4 = [m for m in constants4.METRICS if m not in BASE_V4]

# Vectors from the `cvss` package's own tests (tests/test_cvss2.py, test_cvss3.py, test_cvss4.py), valid and not;
# the oracle decides which table each one goes to.
REFERENCE_V2 = [
    "AV:N/AC:L/Au:N/C:C/I:C/A:C",
    "AV:L/AC:H/Au:M/C:N/I:N/A:N",
    "AV:L/AC:H/Au:N/C:N/I:N/A:C/E:H/RL:U/RC:C",
    "AV:L/AC:H/Au:N/C:N/I:N/A:C/E:H/RL:U/RC:C/CDP:LM/TD:M/CR:H/IR:M/AR:L",
    "AV:A/AC:H/Au:M/C:C/I:N/A:C/CR:ND/IR:L/RL:W/RC:ND/CDP:H/E:POC/TD:N/AR:M",
    "AV:A/AC:H/Au:S/C:C/I:C/A:P/E:U/RL:U/RC:UR/CDP:ND/TD:ND/CR:L/IR:M/AR:ND",
    "AV:A/AC:L/Au:M/C:C/I:P/A:C/E:ND/CDP:ND/TD:M/IR:H/AR:H",
    "AV:A/AC:M/Au:M/C:P/I:P/A:P/E:H/RL:U/RC:C/CDP:L/TD:L/CR:ND/IR:ND/AR:ND",
    "AV:A/AC:M/Au:S/C:P/I:P/A:P/E:U/RL:OF/RC:ND",
    "AV:L/AC:H/Au:M/C:P/I:N/A:P/E:U/RL:OF/RC:UC/CDP:N/TD:N/CR:L/IR:L/AR:ND",
    "AV:L/AC:L/Au:S/C:P/I:P/A:P/E:U/RC:C/CDP:LM/TD:L/IR:H/AR:M",
    "AV:L/AC:M/Au:S/C:N/I:P/A:C/E:U/RL:OF/RC:UR/CDP:N/TD:L/CR:H/IR:H/AR:H",
    "AV:N/AC:L/Au:S/C:C/I:P/A:P/E:H/RL:U/RC:C/CDP:MH/TD:H/CR:ND/IR:ND/AR:ND",
    "AV:A/AV:A/AC:L/Au:M/C:C/I:P/A:C/TD:M/IR:H/AR:H",
    "AV:A/AV:L/AC:L/Au:M/C:C/I:P/A:C/TD:M/IR:H/AR:H",
    "AV:A/AC:L/Au:M/C:C/I:P/A:C/TD:M/IR:H/ARH",
    "AV:L//Au:M/C:C/I:P/TD:M/IR:H/AR:H",
    "AV:L/AC:L/Au:M/C:C/I:P/TD:M/IR:H/AR:H",
    "AV:N/AC:L/Au:N/C:C/I:C/A:X",
    "AV:W/AC:L/Au:M/C:C/I:P/A:C/TD:M/IR:H/AR:H",
    "AV:N/AC:",
]
REFERENCE_V3 = [
    "CVSS:3.0/AV:N/AC:H/PR:L/UI:N/S:C/C:N/I:N/A:N",
    "CVSS:3.0/AV:P/AC:H/PR:L/UI:R/S:U/C:N/I:L/A:N",
    "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:L/A:N",
    "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H",
    "CVSS:3.0/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:W/IR:M/AR:H/MAV:N/MAC:H/MPR:L/MUI:N/MC:N/MI:N",
    "CVSS:3.0/AV:P/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N/E:H/RC:U/CR:M/MAV:P/MAC:L/MUI:R/MC:N/MI:N",
    "CVSS:3.0/S:C/C:H/I:H/A:N/AV:P/AC:H/PR:H/UI:R/E:H/RL:O/RC:R/CR:H/IR:X/AR:X/MAC:H/MPR:X/MUI:X/MC:L/MA:X",
    "CVSS:3.0/A:N/E:P/RC:C/MAV:N/AV:A/AC:H/S:U/C:N/I:L/MPR:H/MUI:X/MS:U/MI:X/PR:H/UI:R",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L/E:P/CR:L/IR:L/AR:L/MAV:P",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L/CR:H",
    "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:N/E:H/RL:O/RC:R/CR:H/MAC:H/MCL",
    "CVSS:3.0/AX:P/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:N/E:H/RL:O/RC:R/CR:H/MAC:H/MC:L",
    "CVSS:3.0/AV:W/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:N/E:H/RL:O/RC:R/CR:H/MAC:H/MC:L",
    "CVSS:3.0/AV:P/AV:P/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:N/E:H/RL:O/RC:R/CR:H/MAC:H/MC:L",
    "CVSS:3.0/AV:P/AV:L/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:N/E:H/RL:O/RC:R/CR:H/MAC:H/MC:L",
    "CVSS:3.0/AV:P/AC:H/UI:R/S:C/C:H/I:H/A:N/E:H/RL:O/RC:R/CR:H/MAC:H/MC:L",
    "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H",
    "AV:P/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:N/E:H/RL:O/RC:R/CR:H/MAC:H/MC:L",
    "CVSS:3.2/AV:P/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:N/E:H/RL:O/RC:R/CR:H/MAC:H/MC:L",
    "CVSS:3.0//AC:H/PR:H/UI:R/S:U/C:L/I:N/A:L",
    "CVSS:3.0/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",
    "CVSS:3.0/AV:X",
    "CVSS:3.0/AV:ZZZ",
    "CVSS:3.0/",
    "CVSS:3.0",
    "CVSS:3",
    "/",
]
REFERENCE_V4 = [
    "CVSS:4.0/AV:L/AC:H/AT:P/PR:N/UI:P/VC:H/VI:N/VA:N/SC:N/SI:N/AU:N/SA:N/S:P/R:A/V:D/RE:L/U:Red/MAV:L/MAC:L/MAT:N"
    "/MPR:L/MUI:A/MVC:L/MVI:N/MVA:H/MSC:H/MSI:L/MSA:N/CR:H/IR:L/AR:L/E:P",
    "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:P/VC:N/VI:L/VA:L/SC:H/SI:N/AU:Y/SA:N/S:N/R:I/V:C/RE:M/U:Amber/MAV:L/MAC:H/MAT:P"
    "/MPR:N/MUI:P/MVC:L/MVI:N/MVA:H/MSC:H/MSI:H/MSA:S/CR:M/IR:M/AR:M/E:A",
    "CVSS:4.0/AV:N/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:L/SI:N/AU:Y/SA:L/S:P/R:U/V:D/RE:M/U:Red/MAV:N/MAC:H/MAT:P"
    "/MPR:H/MUI:P/MVC:L/MVI:H/MVA:L/MSC:N/MSI:H/MSA:H/CR:L/IR:H/AR:M/E:U",
    "CVSS:4.0/AV:A/AC:H/AT:N/PR:N/UI:A/VC:L/VI:L/VA:N/SC:N/SI:H/AU:N/SA:L/S:P/R:U/V:D/RE:H/U:Clear/MAV:A/MAC:L/MAT:N"
    "/MPR:N/MUI:P/MVC:N/MVI:L/MVA:L/MSC:H/MSI:N/MSA:L/CR:M/IR:M/AR:L/E:U",
    "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:A/VC:H/VI:H/VA:N/SC:H/SI:N/AU:Y/SA:N/S:N/R:I/V:C/RE:L/U:Green/MAV:L/MAC:L/MAT:N"
    "/MPR:H/MUI:P/MVC:L/MVI:L/MVA:N/MSC:H/MSI:H/MSA:S/CR:H/IR:H/AR:H/E:P",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:H/SC:H/SI:L/AU:Y/SA:H/S:N/R:U/V:C/RE:M/U:Amber/MAV:L/MAC:H/MAT:N"
    "/MPR:H/MUI:N/MVC:N/MVI:L/MVA:N/MSC:L/MSI:S/MSA:H/CR:H/IR:M/AR:M/E:A",
    "CVSS:4.0/AV:A/AC:H/AT:P/PR:N/UI:P/VC:N/VI:L/VA:N/SC:H/SI:H/AU:N/SA:N/S:N/R:A/V:C/RE:M/U:Green/MAV:L/MAC:L/MAT:P"
    "/MPR:L/MUI:A/MVC:N/MVI:L/MVA:H/MSC:L/MSI:N/MSA:S/CR:L/IR:L/AR:M/E:P",
    "CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:A/VC:H/VI:N/VA:H/SC:L/SI:N/AU:N/SA:H/S:P/R:I/V:D/RE:M/U:Red/MAV:N/MAC:L/MAT:N"
    "/MPR:N/MUI:N/MVC:H/MVI:H/MVA:H/MSC:H/MSI:S/MSA:S/CR:H/IR:H/AR:H/E:U",
    "CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:P/VC:L/VI:N/VA:H/SC:L/SI:N/AU:Y/SA:H/S:P/R:I/V:D/RE:H/U:Green/MAV:A/MAC:L/MAT:N"
    "/MPR:N/MUI:A/MVC:L/MVI:H/MVA:H/MSC:N/MSI:H/MSA:L/CR:L/IR:H/AR:L/E:U",
    "CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:N/VC:L/VI:N/VA:H/SC:L/SI:H/AU:N/SA:H/S:P/R:U/V:C/RE:H/U:Red/MAV:L/MAC:L/MAT:P"
    "/MPR:L/MUI:P/MVC:N/MVI:N/MVA:N/MSC:N/MSI:N/MSA:N/CR:H/IR:H/AR:H/E:P",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L",
    "CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N/AR:L",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/MSI:H",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:J",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/JJ:H",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SI:H",
    "CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:A/VC:H/VI:N/VA:H/",
    "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:P/VC:N/VI:L/VA:L/",
]


def v2_values(metric):
    return list(constants2.METRICS_VALUES[metric])


def v3_values(metric):
    return list(constants3.METRICS_VALUES[metric])


def v4_values(metric):
    return list(constants4.METRICS_VALUE_NAMES[metric])


def oracle_v2(vector):
    return CVSS2(vector).scores()[0]


def oracle_v3(vector):
    return CVSS3(vector).scores()[0]


def oracle_v4(vector):
    return CVSS4(vector).base_score


def accepts(oracle, vector):
    try:
        oracle(vector)
        return True
    except CVSSError:
        return False


def join(prefix, fields):
    return prefix + "/".join(f"{metric}:{value}" for metric, value in fields)


def random_vector(rng, prefix, base, optional, values):
    fields = [(metric, rng.choice(values(metric))) for metric in base]
    fields += [(metric, rng.choice(values(metric))) for metric in optional if rng.random() < 0.5]
    if rng.random() < 0.2:
        rng.shuffle(fields)
    return join(prefix, fields)


def mutate(rng, vector, base, values):
    """Breaks a valid vector in one of the ways real data breaks; the oracle still has the last word."""
    prefix = vector[: vector.index("/") + 1] if vector.startswith("CVSS:") else ""
    body = vector[len(prefix) :]
    fields = body.split("/")
    kind = rng.randrange(9)
    if kind == 0:  # a mandatory metric missing
        missing = rng.choice(base)
        fields = [f for f in fields if f.split(":")[0] != missing]
    elif kind == 1:  # a metric given twice, with the same or another value
        metric, _ = rng.choice(fields).split(":")
        if metric in base:
            fields.insert(rng.randrange(len(fields) + 1), f"{metric}:{rng.choice(values(metric))}")
        else:
            fields.append(fields[0])
    elif kind == 2:  # a value that is not one of the metric's
        index = rng.randrange(len(fields))
        metric, value = fields[index].split(":")
        fields[index] = f"{metric}:{rng.choice(['Z', value.lower() + 'q', '', '0', 'HH'])}"
    elif kind == 3:  # a trailing slash
        fields.append("")
    elif kind == 4:  # an empty field inside
        fields.insert(rng.randrange(1, len(fields)), "")
    elif kind == 5:  # a metric from no CVSS version
        fields.insert(rng.randrange(len(fields) + 1), "ZZ:1")
    elif kind == 6:  # a field without its colon
        index = rng.randrange(len(fields))
        fields[index] = fields[index].replace(":", "")
    elif kind == 7:  # a field with two colons
        index = rng.randrange(len(fields))
        fields[index] = fields[index] + ":N"
    else:  # a metric name in the wrong case
        index = rng.randrange(len(fields))
        fields[index] = fields[index].lower()
    return prefix + "/".join(fields)


def write_table(name, rows):
    path = os.path.join(OUTPUT, name)
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        file.write(f"# vector\tscore, by the cvss {EXPECTED_ORACLE} package; {SCRIPT}\n")
        for vector, score in rows:
            file.write(f"{vector}\t{score}\n")
    print(f"{path}: {len(rows)} vectors")


def table(rng, oracle, base_space, references, prefix, base, optional, values):
    """Every base vector, the valid references, then seeded random vectors, each once and in that order."""
    rows, seen = [], set()

    def add(vector):
        if vector not in seen and accepts(oracle, vector):
            seen.add(vector)
            rows.append((vector, oracle(vector)))

    for vector in base_space:
        add(vector)
    for vector in references:
        if vector.startswith(prefix):
            add(vector)
    target = len(rows) + RANDOM_PER_VERSION
    while len(rows) < target:
        add(random_vector(rng, prefix, base, optional, values))
    return rows


def rejected(rng, oracle, label, rows, references, base, values):
    found = []
    for vector in references:
        if not accepts(oracle, vector):
            found.append((label, vector))
    valid = [vector for vector, _ in rows]
    attempts = 0
    while len(found) < MUTATIONS_PER_VERSION and attempts < 50 * MUTATIONS_PER_VERSION:
        attempts += 1
        broken = mutate(rng, rng.choice(valid), base, values)
        if not accepts(oracle, broken) and (label, broken) not in found:
            found.append((label, broken))
    return found


def main():
    if cvss.__version__ != EXPECTED_ORACLE:
        sys.exit(f"expected cvss {EXPECTED_ORACLE}, found {cvss.__version__}: pin it so the tables stay reproducible")
    os.makedirs(OUTPUT, exist_ok=True)
    rng = random.Random(SEED)

    v2_space = [join("", zip(BASE_V2, combo)) for combo in itertools.product(*(v2_values(m) for m in BASE_V2))]
    v2 = table(rng, oracle_v2, v2_space, REFERENCE_V2, "", BASE_V2, OPTIONAL_V2, v2_values)
    write_table("v2.tsv", v2)

    tables = {"2": v2}
    for minor in ("3.0", "3.1"):
        prefix = f"CVSS:{minor}/"
        space = [join(prefix, zip(BASE_V3, combo)) for combo in itertools.product(*(v3_values(m) for m in BASE_V3))]
        rows = table(rng, oracle_v3, space, REFERENCE_V3, prefix, BASE_V3, OPTIONAL_V3, v3_values)
        write_table(f"v{minor}.tsv", rows)
        tables[minor] = rows

    prefix = "CVSS:4.0/"
    v4_space = list(itertools.product(*(v4_values(m) for m in BASE_V4)))
    # Every threat and requirement combination on a few bases, as the package's threat and security tables do.
    bases = [
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H",
        "CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:L/VI:H/VA:N/SC:N/SI:L/SA:H",
        "CVSS:4.0/AV:L/AC:L/AT:P/PR:H/UI:A/VC:N/VI:L/VA:L/SC:L/SI:N/SA:N",
    ]
    threat = [
        join(base + "/", zip(["E", "CR", "IR", "AR"], combo))
        for base in bases
        for combo in itertools.product(*(v4_values(m) for m in ["E", "CR", "IR", "AR"]))
    ]
    v4 = table(rng, oracle_v4, threat, REFERENCE_V4, prefix, BASE_V4, OPTIONAL_V4, v4_values)
    write_table("v4.0.tsv", v4)
    tables["4.0"] = v4

    path = os.path.join(OUTPUT, "v4.0-base-scores.txt")
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        order = " ".join(f"{m}:{''.join(v4_values(m))}" for m in BASE_V4)
        file.write(f"# every CVSS 4.0 base vector, the last metric fastest, in the order {order}\n")
        for combo in v4_space:
            file.write(f"{oracle_v4(join(prefix, zip(BASE_V4, combo)))}\n")
    print(f"{path}: {len(v4_space)} scores")

    refused = []
    refused += rejected(rng, oracle_v2, "2", v2, REFERENCE_V2, BASE_V2, v2_values)
    refused += rejected(rng, oracle_v3, "3", tables["3.0"] + tables["3.1"], REFERENCE_V3, BASE_V3, v3_values)
    refused += rejected(rng, oracle_v4, "4", v4, REFERENCE_V4, BASE_V4, v4_values)
    path = os.path.join(OUTPUT, "rejected.tsv")
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        file.write(f"# version\tvector that the cvss {EXPECTED_ORACLE} package refuses; {SCRIPT}\n")
        for label, vector in refused:
            file.write(f"{label}\t{vector}\n")
    print(f"{path}: {len(refused)} vectors")


if __name__ == "__main__":
    main()
