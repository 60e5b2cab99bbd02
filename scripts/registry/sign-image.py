#!/usr/bin/env python3
"""The integration tests' own cosign-format signer: signs an image's manifest digest with an EC P-256 key and pushes
the signature the way cosign does, so Plimsoll's verifier is tested against signatures it did not make itself.

  sign-image.py --registry HOST:PORT --repository REPO --digest sha256:HEX --key KEY.pem
                [--as tag|referrer] [--identity HOST/REPO] [--username U --password-file F]
                [--sign-digest sha256:OTHER] [--tamper-payload]

  --as tag        (default) cosign's legacy layout: an OCI manifest at tag sha256-<hex>.sig whose one layer is the
                  simple-signing payload (application/vnd.dev.cosign.simplesigning.v1+json), with the base64 DER
                  signature in the annotation dev.cosignproject.cosign/signature
  --as referrer   the same layer in an OCI 1.1 artifact manifest (artifactType
                  application/vnd.dev.cosign.artifact.sig.v1+json, subject = the image), pushed by digest; and, since
                  docker-registry 2.8 has no referrers API, the referrers tag schema's index at tag sha256-<hex>
                  listing it (merged with what the tag already lists)

Forgeries, for the negative checks:
  --sign-digest OTHER   the payload names OTHER as the image (a signature replayed from another image)
  --tamper-payload      the signature is made over payload A, but the layer is payload B (A with a different
                        `optional`, naming the same image); B is what is uploaded and what the layer's digest names,
                        so B's digest holds and only the signature check can notice

Keys: `openssl ecparam -name prime256v1 -genkey -noout -out key.pem`; `openssl ec -in key.pem -pubout -out key.pub`.
Prints the signature manifest's digest and where it was put.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import registrylib as lib  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registry", required=True, help="HOST:PORT (plain HTTP)")
    parser.add_argument("--repository", required=True)
    parser.add_argument("--digest", required=True, help="the image's manifest digest")
    parser.add_argument("--key", required=True, help="EC P-256 private key, PEM")
    parser.add_argument("--as", dest="mode", choices=("tag", "referrer"), default="tag")
    parser.add_argument("--identity", help="docker-reference in the payload (default REGISTRY/REPOSITORY)")
    parser.add_argument("--username")
    parser.add_argument("--password-file")
    parser.add_argument("--sign-digest", help="forge: the payload names this digest instead")
    parser.add_argument("--tamper-payload", action="store_true", help="forge: the layer is not the signed payload")
    options = parser.parse_args()

    password = None
    if options.password_file:
        with open(options.password_file) as handle:
            password = handle.read().strip()
    username = options.username or ("plimsoll" if password else None)
    registry = lib.Registry(options.registry, username, password)
    repository, digest = options.repository, options.digest
    identity = options.identity or f"{options.registry}/{repository}"
    with open(options.key, "rb") as handle:
        key = handle.read()

    payload = lib.cosign_payload(identity, options.sign_digest or digest)
    signature = lib.sign_payload(key, payload)
    if options.tamper_payload:
        payload = lib.cosign_payload(identity, options.sign_digest or digest, optional={"tampered": "after signing"})
    payload_descriptor = {"mediaType": lib.COSIGN_SIMPLESIGNING, **registry.push_blob(repository, payload)}

    if options.mode == "tag":
        config = lib.cosign_config(payload_descriptor["digest"])
        registry.push_blob(repository, config)
        manifest = lib.canonical(lib.signature_manifest(payload_descriptor, signature, config, None))
        tag = lib.referrers_tag(digest) + ".sig"
        stored = registry.put_manifest(repository, tag, manifest, lib.OCI_MANIFEST)
        print(f"{stored} at {options.registry}/{repository}:{tag}")
        return 0

    status, media_type, body = registry.get_manifest(repository, digest)
    if status != 200:
        sys.exit(f"sign-image: {options.registry}/{repository}@{digest} answers HTTP {status}")
    subject = {"mediaType": media_type.split(";")[0] or json.loads(body).get("mediaType", lib.OCI_MANIFEST),
               "digest": lib.digest_of(body), "size": len(body)}
    config = b"{}"
    registry.push_blob(repository, config)
    document = lib.signature_manifest(payload_descriptor, signature, config, subject)
    manifest = lib.canonical(document)
    stored = registry.put_manifest(repository, lib.digest_of(manifest), manifest, lib.OCI_MANIFEST)
    # The referrers tag schema: an index at sha256-<hex> listing every referrer of the image.
    tag = lib.referrers_tag(digest)
    status, _, existing = registry.get_manifest(repository, tag)
    entries = json.loads(existing)["manifests"] if status == 200 else []
    entry = {"mediaType": lib.OCI_MANIFEST, "digest": stored, "size": len(manifest),
             "artifactType": document["artifactType"]}
    entries = [e for e in entries if e.get("digest") != stored] + [entry]
    index = lib.canonical({"schemaVersion": 2, "mediaType": lib.OCI_INDEX, "manifests": entries})
    registry.put_manifest(repository, tag, index, lib.OCI_INDEX)
    print(f"{stored} at {options.registry}/{repository}@{stored}, listed in the referrers tag {tag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
