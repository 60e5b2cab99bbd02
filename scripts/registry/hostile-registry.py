#!/usr/bin/env python3
"""A read-only registry (distribution API, plain HTTP) that serves one small good image and hostile variants of it.

  hostile-registry.py --image OCI_LAYOUT [--port 5404] [--cdn-port 5405] [--password-file FILE] [--sign-key KEY.pem]

Every repository serves the layout's first image under any tag (and by its digest) and its blobs, except where a
hostile variant changes one thing:

  good/app               the image as it is; GET /v2/good/app/referrers/<digest>[?artifactType=] answers an OCI index
                         (with --sign-key, listing a cosign signature manifest of the image: artifactType
                         application/vnd.dev.cosign.artifact.sig.v1+json, subject = the image; empty otherwise);
                         the tags sha256-<hex>.sig and sha256-<hex> do not exist, so only the referrers API finds it
  hostile/wrong-length   layer blobs announce a Content-Length 4096 bytes longer than the body, then the connection
                         closes
  hostile/bad-digest     layer blobs are served altered (the gzip header's mtime changed: still valid gzip of the
                         same tar, same length; only the digest can tell)
  hostile/huge-manifest  the manifest is 100 MiB (a manifest whose layers list never ends), streamed steadily at
                         about 12 MB/s
  hostile/redirect-loop  blob GETs answer 307 to a second URL, which answers 307 back to the first, forever
  hostile/slow-token     every request under the repository answers 401 with a Bearer challenge whose realm
                         (/hang-token here) never answers
  hostile/self-index     the tag is an image index whose one entry (a nested index, linux/amd64) has a digest that,
                         fetched, answers the same index again: a content-addressed index cannot list its own digest,
                         so this is the registry lying about it; a client must notice the digest mismatch (or the
                         nesting) instead of looping
  hostile/retry          manifest requests answer 429 TOOMANYREQUESTS with Retry-After: 1 twice, then the good
                         manifest, over and over (POST /debug/reset starts the count again)
  hostile/flaky          a layer blob GET without a Range header sends the full Content-Length but only half the body,
                         then drops the connection; a GET with `Range: bytes=N-` answers 206 with the rest (a client
                         that resumes succeeds; GET /debug/ranges lists the ranges asked for)
  hostile/redirect       needs Basic auth (user plimsoll, the password in --password-file); blob GETs answer 307 to
                         the "CDN" on --cdn-port, which serves the blob and records whether an Authorization header came

GET /debug/last-authorization: {"requests": N, "withAuthorization": K, "last": "<scheme>"|null} for the CDN's blob
requests since the last reset (only the scheme is echoed, never the credentials). GET /debug/requests: counts by
repository. POST or GET /debug/reset: clears both.
"""

from __future__ import annotations

import argparse
import base64
import http.server
import json
import os
import re
import socketserver
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import registrylib as lib  # noqa: E402

HUGE_SIZE = 100 * 1024 * 1024
HUGE_CHUNK = 64 * 1024
HUGE_PAUSE = 0.005


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class Content:
    """The good image, the altered blobs, the self-index and the signature, computed once at start."""

    def __init__(self, options):
        layout = lib.OCILayout(options.image)
        descriptor = layout.descriptor()
        self.manifest = layout.blob(descriptor["digest"])
        self.manifest_digest = lib.digest_of(self.manifest)
        self.manifest_type = json.loads(self.manifest).get("mediaType", lib.OCI_MANIFEST)
        document = json.loads(self.manifest)
        self.blobs = {document["config"]["digest"]: layout.blob(document["config"]["digest"])}
        self.layers = set()
        for layer in document["layers"]:
            self.blobs[layer["digest"]] = layout.blob(layer["digest"])
            self.layers.add(layer["digest"])
        self.altered = {}
        for digest in self.layers:
            data = bytearray(self.blobs[digest])
            data[4] ^= 0x01 if data[:2] == b"\x1f\x8b" else 0
            if bytes(data) == self.blobs[digest]:
                data[len(data) // 2] ^= 0x01
            self.altered[digest] = bytes(data)
        # The self-index: its one entry's digest answers the index itself.
        self.loop_digest = lib.digest_of(b"plimsoll hostile/self-index: this digest answers the index again")
        size = 0
        for _ in range(5):
            index = lib.canonical({"schemaVersion": 2, "mediaType": lib.OCI_INDEX, "manifests": [
                {"mediaType": lib.OCI_INDEX, "digest": self.loop_digest, "size": size,
                 "platform": {"architecture": "amd64", "os": "linux"}},
                {"mediaType": lib.OCI_INDEX, "digest": self.loop_digest, "size": size,
                 "platform": {"architecture": "arm64", "os": "linux"}}]})
            if len(index) == size:
                break
            size = len(index)
        self.self_index = index
        # A cosign signature of good/app, listed by the referrers API.
        self.signature = None
        if options.sign_key:
            with open(options.sign_key, "rb") as handle:
                key = handle.read()
            payload = lib.cosign_payload(f"127.0.0.1:{options.port}/good/app", self.manifest_digest)
            config = b"{}"
            signature = lib.sign_payload(key, payload)
            subject = {"mediaType": self.manifest_type, "digest": self.manifest_digest, "size": len(self.manifest)}
            manifest = lib.signature_manifest(
                {"mediaType": lib.COSIGN_SIMPLESIGNING, "digest": lib.digest_of(payload), "size": len(payload)},
                signature, config, subject)
            data = lib.canonical(manifest)
            self.blobs[lib.digest_of(payload)] = payload
            self.blobs[lib.digest_of(config)] = config
            self.signature = (lib.digest_of(data), data, manifest)


def make_handlers(options, content: Content, password: str | None):
    lock = threading.Lock()
    state = {"cdn": [], "requests": {}, "retry": 0, "ranges": []}

    def reset():
        with lock:
            state["cdn"].clear()
            state["requests"].clear()
            state["retry"] = 0
            state["ranges"].clear()

    class Base(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # noqa: A002
            if options.verbose:
                sys.stderr.write(f"hostile:{self.server.server_address[1]}: " + (format % args) + "\n")

        def send(self, status: int, body: bytes = b"", headers: dict | None = None, head: bool = False):
            self.send_response(status)
            headers = dict(headers or {})
            headers.setdefault("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def json_reply(self, status: int, document, headers: dict | None = None, head: bool = False):
            self.send(status, json.dumps(document).encode(), {"Content-Type": "application/json", **(headers or {})},
                      head)

        def error(self, status: int, code: str, message: str, headers: dict | None = None, head: bool = False):
            self.json_reply(status, {"errors": [{"code": code, "message": message, "detail": None}]}, headers, head)

    class CDN(Base):
        def do_GET(self, head: bool = False):  # noqa: N802
            path = urllib.parse.urlsplit(self.path).path
            if path == "/healthz":
                return self.send(200, b"ok\n", head=head)
            match = re.fullmatch(r"/blobs/(sha256:[0-9a-f]{64})", path)
            if not match or match.group(1) not in content.blobs:
                return self.send(404, b"not found\n", head=head)
            authorization = self.headers.get("Authorization")
            with lock:
                state["cdn"].append(authorization.split(" ", 1)[0] if authorization else None)
            self.send(200, content.blobs[match.group(1)], {"Content-Type": "application/octet-stream"}, head)

        def do_HEAD(self):  # noqa: N802
            self.do_GET(head=True)

    class Registry(Base):
        def do_POST(self):  # noqa: N802
            if urllib.parse.urlsplit(self.path).path == "/debug/reset":
                reset()
                return self.json_reply(200, {"reset": True})
            self.error(405, "UNSUPPORTED", "this registry only serves")

        do_PUT = do_PATCH = do_DELETE = do_POST  # noqa: N815

        def do_HEAD(self):  # noqa: N802
            self.do_GET(head=True)

        def do_GET(self, head: bool = False):  # noqa: N802, C901
            url = urllib.parse.urlsplit(self.path)
            path, query = url.path, urllib.parse.parse_qs(url.query)
            if path == "/hang-token":
                time.sleep(3600)
                return
            if path == "/debug/last-authorization":
                with lock:
                    seen = list(state["cdn"])
                return self.json_reply(200, {"requests": len(seen), "withAuthorization": sum(1 for s in seen if s),
                                             "last": seen[-1] if seen else None})
            if path == "/debug/ranges":
                with lock:
                    return self.json_reply(200, {"ranges": list(state["ranges"])})
            if path == "/debug/requests":
                with lock:
                    return self.json_reply(200, dict(state["requests"]))
            if path == "/debug/reset":
                reset()
                return self.json_reply(200, {"reset": True})
            if path in ("/v2", "/v2/"):
                return self.json_reply(200, {}, {"Docker-Distribution-API-Version": "registry/2.0"}, head)
            match = re.fullmatch(r"/v2/(.+?)/(manifests|blobs|referrers)/([^/]+)", path) \
                or re.fullmatch(r"/v2/(.+?)/(tags)/(list)", path)
            if not match:
                return self.error(404, "NOT_FOUND", path, head=head)
            name, kind, reference = match.groups()
            with lock:
                state["requests"][name] = state["requests"].get(name, 0) + 1
            known = name == "good/app" or name in (
                "hostile/wrong-length", "hostile/bad-digest", "hostile/huge-manifest", "hostile/redirect-loop",
                "hostile/slow-token", "hostile/self-index", "hostile/retry", "hostile/redirect", "hostile/flaky")
            if not known:
                return self.error(404, "NAME_UNKNOWN", f"repository {name} is not known", head=head)

            if name == "hostile/slow-token":
                realm = f"http://127.0.0.1:{options.port}/hang-token"
                return self.error(401, "UNAUTHORIZED", "authentication required", {
                    "WWW-Authenticate": f'Bearer realm="{realm}",service="hostile",scope="repository:{name}:pull"'},
                    head)
            if name == "hostile/redirect":
                expected = "Basic " + base64.b64encode(f"plimsoll:{password}".encode()).decode()
                if password is None or self.headers.get("Authorization") != expected:
                    return self.error(401, "UNAUTHORIZED", "authentication required",
                                      {"WWW-Authenticate": 'Basic realm="plimsoll-hostile"'}, head)

            if kind == "tags":
                return self.json_reply(200, {"name": name, "tags": ["1"]}, head=head)
            if kind == "referrers":
                return self.referrers(name, reference, query, head)
            if kind == "manifests":
                return self.manifest(name, reference, head)
            return self.blob(name, reference, query, head)

        def referrers(self, name, digest, query, head):
            if name != "good/app":
                return self.error(404, "NAME_UNKNOWN", "no referrers API for this repository", head=head)
            entries = []
            if content.signature and digest == content.manifest_digest:
                signature_digest, data, manifest = content.signature
                entries.append({"mediaType": lib.OCI_MANIFEST, "digest": signature_digest, "size": len(data),
                                "artifactType": manifest["artifactType"]})
            headers = {"Content-Type": lib.OCI_INDEX}
            if "artifactType" in query:
                entries = [e for e in entries if e["artifactType"] in query["artifactType"]]
                headers["OCI-Filters-Applied"] = "artifactType"
            body = lib.canonical({"schemaVersion": 2, "mediaType": lib.OCI_INDEX, "manifests": entries})
            self.send(200, body, headers, head)

        def manifest(self, name, reference, head):
            by_digest = reference.startswith("sha256:")
            if name == "hostile/retry":
                with lock:
                    count = state["retry"]
                    state["retry"] += 1
                if count % 3 != 2:
                    return self.error(429, "TOOMANYREQUESTS", "too many requests, retry after 1 s",
                                      {"Retry-After": "1"}, head)
            if name == "hostile/self-index":
                if by_digest and reference != content.loop_digest:
                    return self.error(404, "MANIFEST_UNKNOWN", reference, head=head)
                return self.send(200, content.self_index, {"Content-Type": lib.OCI_INDEX}, head)
            if name == "good/app" and content.signature and reference == content.signature[0]:
                return self.send(200, content.signature[1],
                                 {"Content-Type": lib.OCI_MANIFEST, "Docker-Content-Digest": content.signature[0]},
                                 head)
            if (by_digest and reference != content.manifest_digest) or reference.startswith("sha256-"):
                return self.error(404, "MANIFEST_UNKNOWN", f"manifest {reference} is not known", head=head)
            if name == "hostile/huge-manifest":
                return self.huge_manifest(head)
            self.send(200, content.manifest,
                      {"Content-Type": content.manifest_type, "Docker-Content-Digest": content.manifest_digest}, head)

        def huge_manifest(self, head):
            self.send_response(200)
            self.send_header("Content-Type", lib.OCI_MANIFEST)
            self.send_header("Content-Length", str(HUGE_SIZE))
            self.end_headers()
            if head:
                return
            opening = (b'{"schemaVersion":2,"mediaType":"' + lib.OCI_MANIFEST.encode() +
                       b'","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:'
                       + b"0" * 64 + b'","size":2},"layers":[')
            entry = (b'{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:' + b"1" * 64
                     + b'","size":1},')
            chunk = (entry * (HUGE_CHUNK // len(entry) + 1))[:HUGE_CHUNK]
            sent = 0
            try:
                self.wfile.write(opening)
                sent = len(opening)
                while sent < HUGE_SIZE:
                    piece = chunk[:HUGE_SIZE - sent]
                    self.wfile.write(piece)
                    sent += len(piece)
                    time.sleep(HUGE_PAUSE)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

        def blob(self, name, digest, query, head):
            if digest not in content.blobs:
                return self.error(404, "BLOB_UNKNOWN", f"blob {digest} is not known", head=head)
            data = content.blobs[digest]
            is_layer = digest in content.layers
            if name == "hostile/redirect-loop":
                hop = "b" if query.get("hop") == ["a"] else "a"
                location = f"http://127.0.0.1:{options.port}/v2/{name}/blobs/{digest}?hop={hop}"
                return self.send(307, b"", {"Location": location}, head)
            if name == "hostile/redirect":
                return self.send(307, b"", {"Location": f"http://127.0.0.1:{options.cdn_port}/blobs/{digest}"}, head)
            if name == "hostile/bad-digest" and is_layer:
                data = content.altered[digest]
            headers = {"Content-Type": "application/octet-stream", "Docker-Content-Digest": digest}
            if name == "hostile/flaky" and is_layer and not head:
                return self.flaky_blob(data, headers)
            if name == "hostile/wrong-length" and is_layer:
                headers["Content-Length"] = str(len(data) + 4096)
                headers["Connection"] = "close"
                self.close_connection = True
            self.send(200, data, headers, head)

        def flaky_blob(self, data: bytes, headers: dict):
            asked = self.headers.get("Range")
            match = re.fullmatch(r"bytes=(\d+)-", asked or "")
            if match:
                start = int(match.group(1))
                with lock:
                    state["ranges"].append(asked)
                return self.send(206, data[start:], {
                    **headers, "Content-Range": f"bytes {start}-{len(data) - 1}/{len(data)}"})
            self.send_response(200)
            for key, value in {**headers, "Content-Length": str(len(data)), "Connection": "close"}.items():
                self.send_header(key, value)
            self.end_headers()
            try:
                self.wfile.write(data[:len(data) // 2])
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

    return Registry, CDN


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", required=True, help="an OCI layout; its first manifest is the image served")
    parser.add_argument("--port", type=int, default=5404)
    parser.add_argument("--cdn-port", type=int, default=5405)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--password-file", help="the password of user plimsoll for hostile/redirect")
    parser.add_argument("--sign-key", help="EC P-256 private key (PEM): list a cosign signature of good/app")
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()
    password = open(options.password_file).read().strip() if options.password_file else None
    content = Content(options)
    registry_handler, cdn_handler = make_handlers(options, content, password)
    cdn = Server((options.host, options.cdn_port), cdn_handler)
    threading.Thread(target=cdn.serve_forever, daemon=True).start()
    registry = Server((options.host, options.port), registry_handler)
    sys.stderr.write(f"hostile registry on {options.host}:{options.port} (CDN {options.cdn_port}), image "
                     f"{content.manifest_digest}\n")
    registry.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
