"""What the test registry scripts share: OCI layouts, a small distribution-API client, and cosign signatures.

Used by sign-image.py (signs and pushes) and hostile-registry.py (serves a pre-made signature in its referrers API).
Python's standard library and `cryptography` only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
MANIFEST_ACCEPT = ", ".join([OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST])
OCI_EMPTY = "application/vnd.oci.empty.v1+json"
COSIGN_SIMPLESIGNING = "application/vnd.dev.cosign.simplesigning.v1+json"
COSIGN_ARTIFACT_SIG = "application/vnd.dev.cosign.artifact.sig.v1+json"
COSIGN_SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature"


def digest_of(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def canonical(document) -> bytes:
    """Compact JSON bytes, as every manifest these scripts write is serialised (once: its digest is over them)."""
    return json.dumps(document, separators=(",", ":"), sort_keys=False).encode()


class OCILayout:
    """An OCI image layout directory: its index.json and blobs/sha256/."""

    def __init__(self, path: str):
        self.path = path
        with open(os.path.join(path, "index.json"), "rb") as handle:
            self.index = json.load(handle)

    def blob(self, digest: str) -> bytes:
        algorithm, _, encoded = digest.partition(":")
        with open(os.path.join(self.path, "blobs", algorithm, encoded), "rb") as handle:
            return handle.read()

    def descriptor(self, ref: str | None = None) -> dict:
        """The index entry named `ref` (org.opencontainers.image.ref.name), or the first."""
        for entry in self.index["manifests"]:
            if ref is None or entry.get("annotations", {}).get("org.opencontainers.image.ref.name") == ref:
                return entry
        raise KeyError(f"{self.path} has no manifest named {ref!r}")


def cosign_payload(docker_reference: str, manifest_digest: str, optional=None) -> bytes:
    """cosign's simple-signing payload for an image, as cosign writes it (compact JSON, these key names)."""
    return canonical({"critical": {"identity": {"docker-reference": docker_reference},
                                   "image": {"docker-manifest-digest": manifest_digest},
                                   "type": "cosign container image signature"},
                      "optional": optional})


def sign_payload(key_pem: bytes, payload: bytes) -> bytes:
    """ECDSA P-256 over SHA-256 of the payload bytes, ASN.1 DER (what cosign stores, base64, in the annotation)."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    key = serialization.load_pem_private_key(key_pem, password=None)
    return key.sign(payload, ec.ECDSA(hashes.SHA256()))


def signature_manifest(payload_descriptor: dict, signature: bytes, config: bytes, subject: dict | None) -> dict:
    """A cosign signature manifest: one simple-signing layer carrying the signature annotation. With a subject, the
    OCI 1.1 referrer form (artifactType, subject); without, the legacy form stored at tag sha256-<hex>.sig."""
    manifest = {"schemaVersion": 2, "mediaType": OCI_MANIFEST}
    if subject is not None:
        manifest["artifactType"] = COSIGN_ARTIFACT_SIG
    manifest["config"] = {"mediaType": "application/vnd.oci.image.config.v1+json" if subject is None else OCI_EMPTY,
                          "digest": digest_of(config), "size": len(config)}
    layer = dict(payload_descriptor)
    layer["annotations"] = {COSIGN_SIGNATURE_ANNOTATION: base64.b64encode(signature).decode()}
    manifest["layers"] = [layer]
    if subject is not None:
        manifest["subject"] = subject
    return manifest


def cosign_config(payload_digest: str) -> bytes:
    """The config blob cosign gives its legacy signature manifests (a minimal image config naming the payload)."""
    return canonical({"architecture": "", "created": "0001-01-01T00:00:00Z", "history": [{"created": "0001-01-01T00:00:00Z"}],
                      "os": "", "rootfs": {"type": "layers", "diff_ids": [payload_digest]}, "config": {}})


def referrers_tag(digest: str) -> str:
    """The referrers tag schema's tag for a digest: <alg>-<encoded>, truncated, invalid characters as '-'."""
    algorithm, _, encoded = digest.partition(":")
    return re.sub(r"[^A-Za-z0-9_.-]", "-", f"{algorithm[:32]}-{encoded[:64]}")


def parse_challenge(header: str) -> tuple[str, dict]:
    """`Bearer realm="…",service="…",scope="…"` → ("bearer", {...}); quoted values may hold commas."""
    scheme, _, rest = header.strip().partition(" ")
    params = {}
    for match in re.finditer(r'([A-Za-z0-9_-]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))', rest):
        params[match.group(1).lower()] = match.group(2) if match.group(2) is not None else match.group(3)
    return scheme.lower(), params


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Registry:
    """A distribution-API client for pushing test content: Basic and Bearer (token) auth, plain HTTP."""

    def __init__(self, base_url: str, username: str | None = None, password: str | None = None):
        self.base = base_url.rstrip("/")
        if "://" not in self.base:
            self.base = "http://" + self.base
        self.username, self.password = username, password
        self.authorization: str | None = None
        self.opener = urllib.request.build_opener(NoRedirect)

    def _basic(self) -> str | None:
        if self.username is None:
            return None
        return "Basic " + base64.b64encode(f"{self.username}:{self.password}".encode()).decode()

    def _token(self, challenge: dict, scope: str) -> str:
        query = {"service": challenge.get("service", "")}
        query["scope"] = scope
        url = challenge["realm"] + ("&" if "?" in challenge["realm"] else "?") + urllib.parse.urlencode(query)
        request = urllib.request.Request(url)
        if self._basic():
            request.add_header("Authorization", self._basic())
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
        return "Bearer " + (answer.get("token") or answer["access_token"])

    def request(self, method: str, path: str, data: bytes | None = None, headers: dict | None = None,
                repository: str | None = None) -> tuple[int, dict, bytes]:
        url = path if "://" in path else self.base + path
        for attempt in range(2):
            request = urllib.request.Request(url, data=data, method=method)
            for name, value in (headers or {}).items():
                request.add_header(name, value)
            if self.authorization:
                request.add_header("Authorization", self.authorization)
            try:
                with self.opener.open(request, timeout=60) as response:
                    return response.status, dict(response.headers), response.read()
            except urllib.error.HTTPError as error:
                body = error.read()
                if error.code != 401 or attempt:
                    return error.code, dict(error.headers), body
                scheme, challenge = parse_challenge(error.headers.get("WWW-Authenticate", ""))
                if scheme == "basic":
                    self.authorization = self._basic()
                elif scheme == "bearer":
                    scope = challenge.get("scope") or f"repository:{repository}:pull,push"
                    if repository and "push" not in scope:
                        scope = f"repository:{repository}:pull,push"
                    self.authorization = self._token(challenge, scope)
                else:
                    return error.code, dict(error.headers), body
        raise AssertionError("unreachable")

    def push_blob(self, repository: str, data: bytes) -> dict:
        """A monolithic upload: POST /v2/<name>/blobs/uploads/, then PUT <location>&digest=. Returns a descriptor."""
        digest = digest_of(data)
        status, _, _ = self.request("HEAD", f"/v2/{repository}/blobs/{digest}", repository=repository)
        if status != 200:
            status, headers, body = self.request("POST", f"/v2/{repository}/blobs/uploads/", data=b"",
                                                 repository=repository)
            if status != 202:
                raise RuntimeError(f"starting an upload to {repository}: HTTP {status} {body[:200]!r}")
            location = headers.get("Location") or headers.get("location")
            if location.startswith("/"):
                location = self.base + location
            location += ("&" if "?" in location else "?") + urllib.parse.urlencode({"digest": digest})
            status, _, body = self.request("PUT", location, data=data, repository=repository,
                                           headers={"Content-Type": "application/octet-stream",
                                                    "Content-Length": str(len(data))})
            if status != 201:
                raise RuntimeError(f"uploading {digest} to {repository}: HTTP {status} {body[:200]!r}")
        return {"digest": digest, "size": len(data)}

    def put_manifest(self, repository: str, reference: str, manifest: bytes, media_type: str) -> str:
        status, headers, body = self.request("PUT", f"/v2/{repository}/manifests/{reference}", data=manifest,
                                             headers={"Content-Type": media_type}, repository=repository)
        if status != 201:
            raise RuntimeError(f"putting a manifest at {repository}:{reference}: HTTP {status} {body[:300]!r}")
        return headers.get("Docker-Content-Digest") or digest_of(manifest)

    def get_manifest(self, repository: str, reference: str) -> tuple[int, str, bytes]:
        status, headers, body = self.request("GET", f"/v2/{repository}/manifests/{reference}",
                                             headers={"Accept": MANIFEST_ACCEPT}, repository=repository)
        return status, headers.get("Content-Type", ""), body
