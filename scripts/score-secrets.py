#!/usr/bin/env python3
"""Scores a secret scanner's findings against the secrets fixture's ground truth, and counts its findings on the clean
control. Never prints a secret: planted values stay in memory, and every `match` is masked again before printing.

  score-secrets.py REPORT EXPECTED [--control CONTROL_REPORT] [--min-recall R] [--min-precision P]
                   [--max-control-findings N] [--label NAME] [--summary-json PATH] [--max-list N]

REPORT and CONTROL_REPORT are Plimsoll JSON reports (`scan --scanners secret --format json`), or anything shaped like
them (scripts/compare-secrets-detect-secrets.sh converts detect-secrets' output): a top-level `secrets` list of
{ruleId, category, title, severity, path, line?, layer: {index, digest, diffID, createdBy}, match (masked), source,
deletedButRecoverable}. EXPECTED is expected.json from scripts/fixtures/build-secrets-image.sh.

Matching (what counts as finding a planted item):
  - a finding and an item are compatible when their paths are equal (absolute image paths; "config:Env",
    "config:Labels", "config:Cmd", "history:N") and, when both carry a line, the finding's line lies in the item's
    `lines` range (a PEM block, a JSON key file) or equals its `line`;
  - every item is matched to at most one finding and every finding to at most one item (a maximum bipartite
    matching), so one finding per file cannot count for several items on different lines, and a finding without a
    line, which is compatible with every item of its path, still finds only one of them. Pairs that agree on the
    line (and then the layer) are matched first, so a line-less finding takes what no exact finding could.
  - recall = matched items / planted items, per kind, per category and overall;
  - precision is counted over the distinct locations (path, line) the scanner reported, so duplicate rules on one
    line neither help nor hurt: a location is true when some planted item is compatible with it; precision = true
    locations / reported locations, per rule ID and overall. Every false location on the fixture and every
    finding on the control is listed.
  - for the matched pairs, the layer index, deletedButRecoverable and source are checked against the item and
    every disagreement listed (not part of recall; --strict-attribution makes them fail the run);
  - a finding whose `match` contains a planted secret verbatim is an unmasked secret: always a failure.

Exit status: 0 when every threshold given holds, 1 when one fails, 2 on unusable input; 3 when REPORT has no
`secrets` key (the scanner did not run secret scanning), with --skip-missing 0 and a SKIP line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict


def load(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def normalized_path(path: object) -> str:
    text = str(path or "")
    if text.startswith(("config:", "history:")):
        return text
    text = "/" + text.lstrip("/")
    while "//" in text:
        text = text.replace("//", "/")
    return text.rstrip("/") or "/"


def mask(text: object) -> str:
    """At most the first 4 characters and the length: enough to recognise a rule's prefix, never the secret."""
    value = str(text or "")
    if not value:
        return "-"
    shown = value[:4] if len(value) >= 12 else value[:1]
    return f"{shown}…({len(value)} chars)"


def finding_line(finding: dict) -> int | None:
    line = finding.get("line")
    return line if isinstance(line, int) and line > 0 else None


def finding_layer(finding: dict) -> int | None:
    layer = finding.get("layer")
    return layer.get("index") if isinstance(layer, dict) and isinstance(layer.get("index"), int) else None


def item_range(item: dict) -> tuple[int, int] | None:
    if "lines" in item:
        return item["lines"][0], item["lines"][1]
    if isinstance(item.get("line"), int):
        return item["line"], item["line"]
    return None


def compatible(finding: dict, item: dict) -> int:
    """0 when incompatible; otherwise 3 (line and layer agree), 2 (line agrees), 1 (path only, a line missing)."""
    if normalized_path(finding.get("path")) != item["path"]:
        return 0
    line, span = finding_line(finding), item_range(item)
    if line is not None and span is not None:
        if not span[0] <= line <= span[1]:
            return 0
        return 3 if finding_layer(finding) == item.get("layerIndex") else 2
    return 1


def match(findings: list[dict], items: list[dict]) -> dict[int, int]:
    """Maximum bipartite matching item -> finding (Kuhn's augmenting paths), strongest edges first: augmenting never
    unmatches an item, so what the exact edges matched stays matched when the weaker edges join."""
    by_path: dict[str, list[int]] = defaultdict(list)
    for index, finding in enumerate(findings):
        by_path[normalized_path(finding.get("path"))].append(index)
    strength = {(i, f): compatible(findings[f], item) for i, item in enumerate(items) for f in by_path[item["path"]]}
    item_to_finding: dict[int, int] = {}
    finding_to_item: dict[int, int] = {}
    for floor in (3, 2, 1):
        edges = defaultdict(list)
        for (i, f), value in strength.items():
            if value >= floor:
                edges[i].append(f)
        for i in range(len(items)):
            if i in item_to_finding:
                continue
            seen: set[int] = set()

            def augment(item: int) -> bool:
                for f in edges[item]:
                    if f in seen:
                        continue
                    seen.add(f)
                    if f not in finding_to_item or augment(finding_to_item[f]):
                        item_to_finding[item], finding_to_item[f] = f, item
                        return True
                return False

            augment(i)
    return item_to_finding


def location(finding: dict) -> tuple[str, int | None]:
    return normalized_path(finding.get("path")), finding_line(finding)


def describe(finding: dict) -> str:
    layer = finding_layer(finding)
    parts = [f"{finding.get('ruleId', '?')}", f"{normalized_path(finding.get('path'))}"
             + (f":{finding_line(finding)}" if finding_line(finding) else ""),
             f"layer {layer if layer is not None else '-'}", f"match {mask(finding.get('match'))}"]
    if finding.get("deletedButRecoverable"):
        parts.append("deleted")
    return "  ".join(parts)


def describe_item(item: dict) -> str:
    line = f":{item['line']}" if isinstance(item.get("line"), int) else ""
    return (f"{item['id']} {item['kind']}  {item['path']}{line}  layer "
            f"{item['layerIndex'] if item['layerIndex'] is not None else '-'}  {item['source']}"
            + ("  deleted" if item["deleted"] else ""))


def ratio(numerator: int, denominator: int) -> str:
    return f"{numerator}/{denominator} = {numerator / denominator:.3f}" if denominator else "n/a (0/0)"


def listing(lines: list[str], limit: int) -> list[str]:
    if limit and len(lines) > limit:
        return lines[:limit] + [f"... and {len(lines) - limit} more (--max-list 0 lists all)"]
    return lines


def unmasked(findings: list[dict], items: list[dict]) -> list[dict]:
    secrets = [item["secret"] for item in items if isinstance(item.get("secret"), str) and len(item["secret"]) >= 8]
    leaked = []
    for finding in findings:
        text = json.dumps(finding)
        if any(secret in text or json.dumps(secret)[1:-1] in text for secret in secrets):
            leaked.append(finding)
    return leaked


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report")
    parser.add_argument("expected")
    parser.add_argument("--control", help="the scanner's report on the clean control image")
    parser.add_argument("--min-recall", type=float, help="fail when overall recall is below this")
    parser.add_argument("--min-precision", type=float, help="fail when overall precision on the fixture is below this")
    parser.add_argument("--max-control-findings", type=int, help="fail when the control has more findings than this")
    parser.add_argument("--strict-attribution", action="store_true",
                        help="fail when a matched finding's layer, deleted flag or source disagrees with the item")
    parser.add_argument("--categories", help="score only items of these categories (comma-separated: secret, "
                                             "sensitiveFile, certificate, filesystem)")
    parser.add_argument("--label", default="scanner", help="the scanner's name in the output")
    parser.add_argument("--summary-json", metavar="PATH", help="write the figures as JSON here")
    parser.add_argument("--max-list", type=int, default=0, help="list at most N misses / false positives per list "
                                                                "(default 0: all)")
    parser.add_argument("--skip-missing", action="store_true",
                        help="exit 0 with a SKIP line when REPORT has no `secrets` key")
    arguments = parser.parse_args(argv)

    report, expected = load(arguments.report), load(arguments.expected)
    if "secrets" not in report:
        print(f"SKIP {arguments.label}: {arguments.report} has no `secrets` key (secret scanning did not run: "
              "`plimsoll scan --scanners secret --format json` writes it)")
        return 0 if arguments.skip_missing else 3
    findings = [finding for finding in report["secrets"] if isinstance(finding, dict)]
    items = [dict(item, path=normalized_path(item["path"])) for item in expected["items"]]
    if arguments.categories:
        wanted = set(arguments.categories.split(","))
        items = [item for item in items if item["category"] in wanted]
    if not items:
        print("no planted items to score (check --categories)")
        return 2

    pairs = match(findings, items)
    failures: list[str] = []
    out: list[str] = [f"{arguments.label} on {expected.get('reference', 'the fixture')}: {len(findings)} findings, "
                      f"{len(items)} planted items"]

    # Recall per kind, per category, per source, overall.
    found_by_kind, total_by_kind = Counter(), Counter()
    for index, item in enumerate(items):
        total_by_kind[item["kind"]] += 1
        found_by_kind[item["kind"]] += index in pairs
    recall = len(pairs) / len(items)
    out.append(f"recall    {ratio(len(pairs), len(items))}")
    for group in ("category", "source"):
        totals, found = Counter(), Counter()
        for index, item in enumerate(items):
            totals[item[group]] += 1
            found[item[group]] += index in pairs
        out.append(f"  by {group}: " + ", ".join(f"{key} {found[key]}/{totals[key]}" for key in sorted(totals)))
    deleted = [index for index, item in enumerate(items) if item["deleted"]]
    out.append(f"  deleted but recoverable: {sum(index in pairs for index in deleted)}/{len(deleted)}")
    out.append("  by kind: " + ", ".join(f"{kind} {found_by_kind[kind]}/{total_by_kind[kind]}"
                                         for kind in sorted(total_by_kind)))

    # Precision over distinct locations.
    locations: dict[tuple[str, int | None], list[dict]] = defaultdict(list)
    for finding in findings:
        locations[location(finding)].append(finding)
    true_locations = {key for key, group in locations.items()
                      if any(compatible(group[0], item) for item in items)}
    precision = len(true_locations) / len(locations) if locations else 1.0
    out.append(f"precision {ratio(len(true_locations), len(locations))} (distinct locations; "
               f"{len(findings)} findings)")
    rule_true, rule_all = Counter(), Counter()
    for key, group in locations.items():
        for rule in {finding.get("ruleId", "?") for finding in group}:
            rule_all[rule] += 1
            rule_true[rule] += key in true_locations
    out.append("  by rule: " + ", ".join(f"{rule} {rule_true[rule]}/{rule_all[rule]}" for rule in sorted(rule_all)))

    misses = [describe_item(item) for index, item in enumerate(items) if index not in pairs]
    out.append(f"missed ({len(misses)}):")
    out.extend("  " + line for line in listing(misses, arguments.max_list))
    false_positives = [describe(group[0]) + (f"  (+{len(group) - 1} more on this line)" if len(group) > 1 else "")
                       for key, group in sorted(locations.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0))
                       if key not in true_locations]
    out.append(f"false positives on the fixture ({len(false_positives)} locations):")
    out.extend("  " + line for line in listing(false_positives, arguments.max_list))

    # Attribution of the matched pairs.
    disagreements = []
    for index, f in sorted(pairs.items()):
        item, finding = items[index], findings[f]
        problems = []
        if item["layerIndex"] is not None and finding_layer(finding) != item["layerIndex"]:
            problems.append(f"layer {finding_layer(finding)} (expected {item['layerIndex']})")
        if "deletedButRecoverable" in finding and bool(finding["deletedButRecoverable"]) != item["deleted"]:
            problems.append(f"deletedButRecoverable {finding['deletedButRecoverable']} (expected {item['deleted']})")
        if "source" in finding and finding["source"] != item["source"]:
            problems.append(f"source {finding['source']} (expected {item['source']})")
        if problems:
            disagreements.append(f"{describe_item(item)}: " + ", ".join(problems))
    out.append(f"attribution of matched items: {len(pairs) - len(disagreements)}/{len(pairs)} agree on layer, "
               "deleted flag and source")
    out.extend("  " + line for line in listing(disagreements, arguments.max_list))
    if disagreements and arguments.strict_attribution:
        failures.append(f"{len(disagreements)} attribution disagreements (--strict-attribution)")

    leaked = unmasked(findings, expected["items"])
    if leaked:
        failures.append(f"{len(leaked)} findings carry a planted secret unmasked")
        out.append(f"UNMASKED SECRETS in {len(leaked)} findings (values not shown):")
        out.extend(f"  {finding.get('ruleId', '?')}  {normalized_path(finding.get('path'))}" for finding in leaked)

    summary: dict[str, object] = {
        "label": arguments.label, "items": len(items), "matched": len(pairs), "recall": round(recall, 4),
        "locations": len(locations), "trueLocations": len(true_locations), "precision": round(precision, 4),
        "findings": len(findings), "missedKinds": sorted(kind for kind in total_by_kind
                                                         if found_by_kind[kind] < total_by_kind[kind]),
        "recallByCategory": {}, "attributionDisagreements": len(disagreements), "unmasked": len(leaked),
    }
    for category in sorted({item["category"] for item in items}):
        members = [index for index, item in enumerate(items) if item["category"] == category]
        summary["recallByCategory"][category] = [sum(index in pairs for index in members), len(members)]

    if arguments.control:
        control = load(arguments.control)
        if "secrets" not in control:
            out.append(f"control: {arguments.control} has no `secrets` key")
            failures.append("control report without secrets")
        else:
            control_findings = [finding for finding in control["secrets"] if isinstance(finding, dict)]
            control_locations: dict[tuple[str, int | None], list[dict]] = defaultdict(list)
            for finding in control_findings:
                control_locations[location(finding)].append(finding)
            by_rule = Counter(finding.get("ruleId", "?") for finding in control_findings)
            files = {key[0] for key in control_locations}
            out.append(f"control: {len(control_findings)} findings at {len(control_locations)} locations in "
                       f"{len(files)} files (target 0)")
            if by_rule:
                out.append("  by rule: " + ", ".join(f"{rule} {count}" for rule, count in by_rule.most_common()))
            lines = [describe(group[0]) + (f"  (+{len(group) - 1} more on this line)" if len(group) > 1 else "")
                     for key, group in sorted(control_locations.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0))]
            out.extend("  " + line for line in listing(lines, arguments.max_list))
            summary.update(controlFindings=len(control_findings), controlLocations=len(control_locations),
                           controlFiles=len(files))
            if arguments.max_control_findings is not None and len(control_findings) > arguments.max_control_findings:
                failures.append(f"control findings {len(control_findings)} > {arguments.max_control_findings}")

    if arguments.min_recall is not None and recall < arguments.min_recall:
        failures.append(f"recall {recall:.3f} < {arguments.min_recall}")
    if arguments.min_precision is not None and precision < arguments.min_precision:
        failures.append(f"precision {precision:.3f} < {arguments.min_precision}")
    if arguments.summary_json:
        with open(arguments.summary_json, "w") as handle:
            json.dump(summary, handle, indent=2)
            handle.write("\n")
    print("\n".join(out))
    verdict = "FAIL: " + "; ".join(failures) if failures else "ok"
    control_text = f", control {summary['controlFindings']} findings" if "controlFindings" in summary else ""
    print(f"{arguments.label}: recall {recall:.3f}, precision {precision:.3f}{control_text}: {verdict}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
