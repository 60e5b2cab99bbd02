#!/usr/bin/env python3
"""An independent check of the signature fixtures (the suite's oracle, not Plimsoll's code): finds an image's cosign
signatures as Plimsoll should (tag sha256-<hex>.sig, the referrers API, the referrers tag schema), and checks each
layer: sha256(payload) equals the layer digest, the ECDSA P-256 signature verifies over the payload with the key, and
the payload names the image's digest and cosign's type.

  verify-signature.py --registry HOST:PORT --repository REPO --digest sha256:HEX --key KEY.pub
                      [--username U --password-file F] [--expect verified|invalid|missing]

Prints one line per signature and a verdict (verified, invalid, missing); exits 0 when the verdict is --expect
(or, without --expect, when it is verified), 1 otherwise.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import registrylib as lib  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registry", required=True)
    parser.add_argument("--repository", required=True)
    parser.add_argument("--digest", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--username")
    parser.add_argument("--password-file")
    parser.add_argument("--expect", choices=("verified", "invalid", "missing"), default="verified")
    options = parser.parse_args()
    password = open(options.password_file).read().strip() if options.password_file else None
    registry = lib.Registry(options.registry, options.username or ("plimsoll" if password else None), password)
    with open(options.key, "rb") as handle:
        key = serialization.load_pem_public_key(handle.read())
    repository, digest = options.repository, options.digest

    manifests = []  # (location, manifest bytes)
    status, _, body = registry.get_manifest(repository, lib.referrers_tag(digest) + ".sig")
    if status == 200:
        manifests.append(("tag .sig", body))
    status, headers, body = registry.request("GET", f"/v2/{repository}/referrers/{digest}", repository=repository)
    listing = json.loads(body)["manifests"] if status == 200 else None
    where = "referrers API"
    if listing is None:
        status, _, body = registry.get_manifest(repository, lib.referrers_tag(digest))
        listing, where = (json.loads(body)["manifests"] if status == 200 else []), "referrers tag"
    for entry in listing:
        if entry.get("artifactType") == lib.COSIGN_ARTIFACT_SIG:
            status, _, body = registry.get_manifest(repository, entry["digest"])
            if status == 200 and lib.digest_of(body) == entry["digest"]:
                manifests.append((f"{where} {entry['digest'][:19]}", body))

    verdicts = []
    for location, body in manifests:
        for layer in json.loads(body).get("layers", []):
            if layer.get("mediaType") != lib.COSIGN_SIMPLESIGNING:
                continue
            status, _, payload = registry.request("GET", f"/v2/{repository}/blobs/{layer['digest']}",
                                                  repository=repository)
            problem = None
            if status != 200 or lib.digest_of(payload) != layer["digest"]:
                problem = "payload does not hash to the layer digest"
            else:
                try:
                    signature = base64.b64decode(layer["annotations"][lib.COSIGN_SIGNATURE_ANNOTATION])
                    key.verify(signature, payload, ec.ECDSA(hashes.SHA256()))
                    critical = {k.lower(): v for k, v in json.loads(payload)["critical"].items()}
                    image = {k.lower(): v for k, v in critical["image"].items()}
                    if critical["type"] != "cosign container image signature":
                        problem = "wrong payload type"
                    elif image["docker-manifest-digest"] != digest:
                        problem = f"payload names another image: {image['docker-manifest-digest']}"
                except InvalidSignature:
                    problem = "signature does not verify with the key"
            print(f"{location}: {problem or 'verified'}")
            verdicts.append(problem is None)
    verdict = "missing" if not verdicts else ("verified" if any(verdicts) else "invalid")
    print(f"oracle: {verdict} (expected {options.expect})")
    return 0 if verdict == options.expect else 1


if __name__ == "__main__":
    sys.exit(main())
