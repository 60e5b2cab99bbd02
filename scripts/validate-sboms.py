#!/usr/bin/env python3
"""Validates CycloneDX 1.6, SPDX 2.3, SARIF 2.1.0 and Plimsoll JSON reports against their JSON Schemas, offline.

Usage:
    python3 scripts/validate-sboms.py FILE [FILE ...]
    python3 scripts/validate-sboms.py --schemas DIR --report-schema docs/report-schema-v1.json FILE ...

Each FILE's format is recognized from its content:
  - CycloneDX (`"bomFormat": "CycloneDX"`, `specVersion` 1.6) -> Schemas/bom-1.6.schema.json, whose references to
    spdx.schema.json and jsf-0.82.schema.json resolve to the copies beside it; nothing is fetched.
  - SPDX (`"spdxVersion": "SPDX-2.3"`) -> Schemas/spdx-2.3.schema.json.
  - SARIF (`"version": "2.1.0"` and `runs`) -> Schemas/sarif-schema-2.1.0.json, the OASIS schema (errata 01).
  - Plimsoll JSON reports (`schemaVersion` and `scanner`) -> docs/report-schema-v1.json.
Formats (date-time and the like) are checked where jsonschema's format checkers can. On top of the schemas, a few
rules the schemas cannot express are checked: unique CycloneDX bom-refs (components and vulnerabilities), and
dependency and `affects` references that exist; SPDX identifiers of the form SPDXRef-[A-Za-z0-9.-]+, unique,
relationships between existing elements, LicenseRef-s that are declared, `created` as YYYY-MM-DDThh:mm:ssZ, and a
namespace without '#'; and what GitHub code scanning demands of SARIF beyond the schema: at most 20 runs and 25,000
results a run, unique rule IDs, a `ruleId` (and `ruleIndex`) naming a rule of the driver, message text, a location
whose artifact URI is relative to the repository (no scheme, no leading slash) with a start line, and a
`security-severity` that is a string holding a number from 0 to 10.

Needs the `jsonschema` package, 4.18 or later (it brings `referencing`):
    pip install 'jsonschema>=4.18,<5'
Exit status: 0 when every file is valid, 1 when any is not, 2 when the validator cannot run.
"""

import argparse
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_SCHEMAS = ROOT / "Tests" / "ReportWritersTests" / "Schemas"
DEFAULT_REPORT_SCHEMA = ROOT / "docs" / "report-schema-v1.json"

try:
    import jsonschema
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"validate-sboms: {error}; install it with: pip install 'jsonschema>=4.18,<5'", file=sys.stderr)
    sys.exit(2)


def load_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def build_registry(schema_directory, report_schema):
    """A registry of every local schema under its `$id`, which refuses to fetch anything else."""

    def refuse(uri):
        raise NoSuchResource(ref=uri)

    resources = []
    paths = sorted(pathlib.Path(schema_directory).glob("*.json"))
    if report_schema is not None and pathlib.Path(report_schema).exists():
        paths.append(pathlib.Path(report_schema))
    for path in paths:
        contents = load_json(path)
        identifier = contents.get("$id")
        if identifier:
            resources.append((identifier, Resource.from_contents(contents)))
    return Registry(retrieve=refuse).with_resources(resources)


def kind_of(document):
    if not isinstance(document, dict):
        return None
    if document.get("bomFormat") == "CycloneDX":
        return "cyclonedx"
    if isinstance(document.get("spdxVersion"), str):
        return "spdx"
    if document.get("version") == "2.1.0" and "runs" in document:
        return "sarif"
    if "schemaVersion" in document and "scanner" in document:
        return "plimsoll"
    return None


def schema_errors(document, schema, registry):
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, registry=registry, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda error: [str(part) for part in error.absolute_path])
    messages = []
    for error in errors:
        message = f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}"
        if error.context:  # A oneOf/anyOf failure: the deepest complaint usually names the real problem.
            deepest = max(error.context, key=lambda sub_error: len(sub_error.absolute_path))
            message += f" (deepest: {'/'.join(str(part) for part in deepest.absolute_path)}: {deepest.message})"
        messages.append(message if len(message) <= 400 else message[:399] + "…")
    return messages


def cyclonedx_rule_errors(document):
    errors = []
    references = []
    metadata_component = document.get("metadata", {}).get("component")
    if isinstance(metadata_component, dict) and "bom-ref" in metadata_component:
        references.append(metadata_component["bom-ref"])

    def collect(components):
        for component in components or []:
            if "bom-ref" in component:
                references.append(component["bom-ref"])
            collect(component.get("components"))

    collect(document.get("components"))
    component_references = set(references)
    vulnerabilities = document.get("vulnerabilities", [])
    references += [vulnerability["bom-ref"] for vulnerability in vulnerabilities if "bom-ref" in vulnerability]
    duplicates = sorted({reference for reference in references if references.count(reference) > 1})
    errors += [f"bom-ref '{reference}' is used more than once" for reference in duplicates]
    for dependency in document.get("dependencies", []):
        for reference in [dependency.get("ref")] + list(dependency.get("dependsOn", [])):
            if reference not in component_references:
                errors.append(f"dependencies refer to '{reference}', which no component has as its bom-ref")
    for vulnerability in vulnerabilities:
        for affected in vulnerability.get("affects", []):
            if affected.get("ref") not in component_references:
                errors.append(f"vulnerability {vulnerability.get('id')} affects '{affected.get('ref')}', "
                              "which no component has as its bom-ref")
    return errors


URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
SECURITY_SEVERITY = re.compile(r"^[0-9]+(\.[0-9]+)?$")
WEB_URL = re.compile(r"^https?://[^\s\"<>\\^`{|}]+$")


def sarif_rule_errors(document):
    """What GitHub code scanning requires of an upload that the SARIF schema leaves optional."""
    errors = []
    runs = document.get("runs") or []
    if len(runs) > 20:
        errors.append(f"{len(runs)} runs; GitHub accepts at most 20 in one file")
    for run_index, run in enumerate(runs):
        where = f"runs/{run_index}"
        driver = run.get("tool", {}).get("driver", {})
        if "informationUri" in driver and not WEB_URL.match(driver["informationUri"]):
            errors.append(f"{where}: informationUri {driver['informationUri']!r} is not an absolute http(s) URL")
        rules = driver.get("rules", [])
        rule_ids = [rule.get("id") for rule in rules]
        duplicates = sorted({rule_id for rule_id in rule_ids if rule_ids.count(rule_id) > 1})
        errors += [f"{where}: rule id '{rule_id}' is used more than once" for rule_id in duplicates]
        for rule in rules:
            if "helpUri" in rule and not WEB_URL.match(rule["helpUri"]):
                errors.append(f"{where}: rule {rule.get('id')}: helpUri {rule['helpUri']!r} is not an http(s) URL")
            severity = rule.get("properties", {}).get("security-severity")
            if severity is None:
                continue
            if not isinstance(severity, str) or not SECURITY_SEVERITY.match(severity) or float(severity) > 10:
                errors.append(f"{where}: rule {rule.get('id')}: security-severity {severity!r} is not a string "
                              "holding a number from 0 to 10")
        results = run.get("results")
        if results is None:
            errors.append(f"{where}: no results array (GitHub needs one, even empty)")
            continue
        if len(results) > 25000:
            errors.append(f"{where}: {len(results)} results; GitHub accepts at most 25,000 a run")
        for result_index, result in enumerate(results):
            at = f"{where}/results/{result_index}"
            rule_id = result.get("ruleId")
            if rule_id not in rule_ids:
                errors.append(f"{at}: ruleId {rule_id!r} names no rule of the driver")
            rule_index = result.get("ruleIndex")
            if rule_index is not None and (rule_index >= len(rules) or rule_ids[rule_index] != rule_id):
                errors.append(f"{at}: ruleIndex {rule_index} is not the index of rule {rule_id!r}")
            if not result.get("message", {}).get("text"):
                errors.append(f"{at}: no message text")
            locations = result.get("locations") or []
            if not locations:
                errors.append(f"{at}: no location; GitHub needs a physical location")
            for location in locations:
                physical = location.get("physicalLocation", {})
                uri = physical.get("artifactLocation", {}).get("uri")
                if not isinstance(uri, str) or not uri or uri.startswith("/") or URI_SCHEME.match(uri) \
                        or any(character.isspace() or character == "\\" for character in uri):
                    errors.append(f"{at}: artifact URI {uri!r} is not a path relative to the repository")
                if physical.get("region", {}).get("startLine", 0) < 1:
                    errors.append(f"{at}: the location has no region.startLine")
    return errors


SPDX_ID = re.compile(r"^SPDXRef-[A-Za-z0-9.\-]+$")
SPDX_CREATED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
LICENSE_REF = re.compile(r"(?<![A-Za-z0-9.\-:])LicenseRef-[A-Za-z0-9.\-]+")


def spdx_rule_errors(document):
    errors = []
    if document.get("spdxVersion") != "SPDX-2.3":
        errors.append(f"spdxVersion is {document.get('spdxVersion')!r}, not 'SPDX-2.3'")
    if document.get("dataLicense") != "CC0-1.0":
        errors.append("dataLicense must be CC0-1.0")
    if document.get("SPDXID") != "SPDXRef-DOCUMENT":
        errors.append("the document's SPDXID must be SPDXRef-DOCUMENT")
    namespace = document.get("documentNamespace", "")
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", namespace) or "#" in namespace:
        errors.append(f"documentNamespace {namespace!r} is not an absolute URI without '#'")
    created = document.get("creationInfo", {}).get("created", "")
    if not SPDX_CREATED.match(created):
        errors.append(f"creationInfo.created {created!r} is not YYYY-MM-DDThh:mm:ssZ")
    identifiers = [document.get("SPDXID")]
    for section in ("packages", "files", "snippets"):
        identifiers += [element.get("SPDXID") for element in document.get(section, [])]
    for identifier in identifiers:
        if not isinstance(identifier, str) or not SPDX_ID.match(identifier):
            errors.append(f"SPDXID {identifier!r} does not match SPDXRef-[A-Za-z0-9.-]+")
    duplicates = sorted({identifier for identifier in identifiers if identifiers.count(identifier) > 1})
    errors += [f"SPDXID '{identifier}' is used more than once" for identifier in duplicates]
    known = set(identifiers)
    for relationship in document.get("relationships", []):
        for end in ("spdxElementId", "relatedSpdxElement"):
            value = relationship.get(end)
            if value not in known and value not in ("NONE", "NOASSERTION"):
                errors.append(f"a relationship's {end} '{value}' names no element of the document")
    declared_refs = {info.get("licenseId") for info in document.get("hasExtractedLicensingInfos", [])}
    for package in document.get("packages", []):
        for field in ("licenseDeclared", "licenseConcluded"):
            for reference in LICENSE_REF.findall(package.get(field, "")):
                if reference not in declared_refs:
                    errors.append(f"{package.get('SPDXID')}: {field} uses {reference}, not in hasExtractedLicensingInfos")
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=pathlib.Path)
    parser.add_argument("--schemas", type=pathlib.Path, default=DEFAULT_SCHEMAS,
                        help="folder holding bom-1.6.schema.json, spdx.schema.json, jsf-0.82.schema.json, "
                             "spdx-2.3.schema.json, sarif-schema-2.1.0.json")
    parser.add_argument("--report-schema", type=pathlib.Path, default=DEFAULT_REPORT_SCHEMA,
                        help="the JSON Schema of Plimsoll's JSON report")
    arguments = parser.parse_args()

    try:
        registry = build_registry(arguments.schemas, arguments.report_schema)
        schemas = {
            "cyclonedx": load_json(arguments.schemas / "bom-1.6.schema.json"),
            "spdx": load_json(arguments.schemas / "spdx-2.3.schema.json"),
            "sarif": load_json(arguments.schemas / "sarif-schema-2.1.0.json"),
        }
        if arguments.report_schema.exists():
            schemas["plimsoll"] = load_json(arguments.report_schema)
    except (OSError, ValueError) as error:
        print(f"validate-sboms: cannot read the schemas: {error}", file=sys.stderr)
        return 2

    failures = 0
    for path in arguments.files:
        try:
            document = load_json(path)
        except (OSError, ValueError) as error:
            print(f"FAIL {path}: cannot read it as JSON: {error}")
            failures += 1
            continue
        kind = kind_of(document)
        if kind is None or kind not in schemas:
            print(f"FAIL {path}: neither CycloneDX, SPDX, SARIF nor a Plimsoll report (or its schema is missing)")
            failures += 1
            continue
        if kind == "cyclonedx" and document.get("specVersion") != "1.6":
            print(f"FAIL {path}: CycloneDX {document.get('specVersion')}; only 1.6 is checked")
            failures += 1
            continue
        try:
            errors = schema_errors(document, schemas[kind], registry)
        except jsonschema.exceptions.SchemaError as error:
            print(f"validate-sboms: the {kind} schema itself is invalid: {error.message}", file=sys.stderr)
            return 2
        except Exception as error:  # An unresolvable $ref, most likely: offline by design.
            print(f"validate-sboms: cannot validate {path}: {error}", file=sys.stderr)
            return 2
        if kind == "cyclonedx":
            errors += cyclonedx_rule_errors(document)
        elif kind == "spdx":
            errors += spdx_rule_errors(document)
        elif kind == "sarif":
            errors += sarif_rule_errors(document)
        if errors:
            failures += 1
            print(f"FAIL {path} ({kind}): {len(errors)} problem(s)")
            for error in errors:
                print(f"  - {error}")
        else:
            print(f"ok   {path} ({kind})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
