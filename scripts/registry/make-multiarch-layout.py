#!/usr/bin/env python3
"""Builds a multi-platform OCI layout from single-platform ones: each input image is relabelled with a platform (its
config's os/architecture/variant patched, so the config and manifest digests are recomputed) and an image index lists
them all.

  make-multiarch-layout.py --out DIR [--tag multi] --image LAYOUT=OS/ARCH[/VARIANT] --image ... [--metadata FILE]

DIR's index.json names the image index (ref name --tag), so `skopeo copy --all oci:DIR:TAG docker://…` pushes the
index and every platform's manifest. --metadata writes {"index": digest, "manifests": {"os/arch": digest}}.
Example: the alpine fixture as linux/amd64 and alpine-2layer (zlib upgraded, scanelf removed) as linux/arm64.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import registrylib as lib  # noqa: E402


def write_blob(out: str, data: bytes) -> str:
    digest = lib.digest_of(data)
    path = os.path.join(out, "blobs", "sha256", digest.split(":")[1])
    if not os.path.exists(path):
        with open(path, "wb") as handle:
            handle.write(data)
    return digest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--tag", default="multi")
    parser.add_argument("--image", action="append", required=True, metavar="LAYOUT=OS/ARCH[/VARIANT]")
    parser.add_argument("--metadata")
    options = parser.parse_args()

    shutil.rmtree(options.out, ignore_errors=True)
    os.makedirs(os.path.join(options.out, "blobs", "sha256"))
    with open(os.path.join(options.out, "oci-layout"), "w") as handle:
        json.dump({"imageLayoutVersion": "1.0.0"}, handle)

    entries, metadata = [], {"manifests": {}}
    for item in options.image:
        path, _, platform_text = item.rpartition("=")
        parts = platform_text.split("/")
        platform = {"architecture": parts[1], "os": parts[0]}
        if len(parts) > 2:
            platform["variant"] = parts[2]
        layout = lib.OCILayout(path)
        descriptor = layout.descriptor()
        manifest = json.loads(layout.blob(descriptor["digest"]))
        config = json.loads(layout.blob(manifest["config"]["digest"]))
        config["architecture"], config["os"] = platform["architecture"], platform["os"]
        config.pop("variant", None)
        if "variant" in platform:
            config["variant"] = platform["variant"]
        config_bytes = lib.canonical(config)
        manifest["config"] = dict(manifest["config"], digest=write_blob(options.out, config_bytes),
                                  size=len(config_bytes))
        for layer in manifest["layers"]:
            write_blob(options.out, layout.blob(layer["digest"]))
        manifest_bytes = lib.canonical(manifest)
        manifest_digest = write_blob(options.out, manifest_bytes)
        entries.append({"mediaType": manifest.get("mediaType", lib.OCI_MANIFEST), "digest": manifest_digest,
                        "size": len(manifest_bytes), "platform": platform})
        metadata["manifests"][platform_text] = manifest_digest

    index = lib.canonical({"schemaVersion": 2, "mediaType": lib.OCI_INDEX, "manifests": entries})
    index_digest = write_blob(options.out, index)
    metadata["index"] = index_digest
    with open(os.path.join(options.out, "index.json"), "w") as handle:
        json.dump({"schemaVersion": 2, "mediaType": lib.OCI_INDEX, "manifests": [
            {"mediaType": lib.OCI_INDEX, "digest": index_digest, "size": len(index),
             "annotations": {"org.opencontainers.image.ref.name": options.tag}}]}, handle)
    if options.metadata:
        with open(options.metadata, "w") as handle:
            json.dump(metadata, handle, indent=2)
    print(json.dumps(metadata))
    return 0


if __name__ == "__main__":
    sys.exit(main())
