#!/usr/bin/env python3
"""A small Docker token server (distribution's docs/spec/auth/token.md) for the token-auth test registry.

  token-server.py --port 5403 --key KEY.pem --cert CERT.pem --password-file FILE [--service S] [--issuer I]

GET /token?service=S&scope=repository:NAME:ACTIONS[&scope=...], with optional `Authorization: Basic b64(user:pass)`:
  - user `plimsoll` with the password in FILE gets pull and push on every repository it asks for;
  - anonymous requests get pull, and only on repositories under `public/`;
  - wrong credentials get 401.
The answer is {"token", "access_token", "expires_in", "issued_at"}: an ES256 JWT signed with KEY whose header carries
the certificate in `x5c` (docker-registry 2.8 checks that chain against its `rootcertbundle`, which holds CERT) and
the key's libtrust ID in `kid`. Tried on Debian's docker-registry 2.8.2: it accepts a token with either header alone
(and refuses an unknown kid), so both are sent.

GET /hang-token: accepts the connection and never answers (for a client's timeout).
GET /debug/requests: how many token requests came, and the scopes granted the last time.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import http.server
import json
import socketserver
import sys
import time
import urllib.parse
import uuid

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

USER = "plimsoll"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def libtrust_key_id(public_key) -> str:
    """libtrust's KeyID: base32 of the first 240 bits of sha256(DER SubjectPublicKeyInfo), in 4-character groups."""
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    encoded = base64.b32encode(hashlib.sha256(der).digest()[:30]).decode().rstrip("=")
    return ":".join(encoded[i:i + 4] for i in range(0, 48, 4))


class TokenServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_handler(options, key, cert_der: bytes, password: str):
    state = {"requests": 0, "last": None}
    kid = libtrust_key_id(key.public_key())

    def sign(claims: dict) -> str:
        header = {"typ": "JWT", "alg": "ES256", "kid": kid, "x5c": [base64.b64encode(cert_der).decode()]}
        signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}".encode()
        r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
        return signing_input.decode() + "." + b64url(r.to_bytes(32, "big") + s.to_bytes(32, "big"))

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            if options.verbose:
                sys.stderr.write("token-server: " + (format % args) + "\n")

        def reply(self, status: int, body: dict, extra: dict | None = None):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def user(self) -> tuple[str | None, bool]:
            """(user, credentials-were-right); (None, True) when anonymous."""
            header = self.headers.get("Authorization")
            if not header:
                return None, True
            scheme, _, value = header.partition(" ")
            if scheme.lower() != "basic":
                return None, False
            try:
                name, _, secret = base64.b64decode(value).decode().partition(":")
            except Exception:
                return None, False
            return name, name == USER and secret == password

        def do_GET(self):  # noqa: N802 - http.server's name
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query)
            if url.path == "/hang-token":
                time.sleep(3600)
                return
            if url.path == "/debug/requests":
                return self.reply(200, {"requests": state["requests"], "last": state["last"]})
            if url.path != "/token":
                return self.reply(404, {"errors": [{"code": "NOT_FOUND", "message": url.path}]})
            if "hang" in query:
                time.sleep(3600)
                return
            state["requests"] += 1
            user, right = self.user()
            if not right:
                return self.reply(401, {"errors": [{"code": "UNAUTHORIZED", "message": "wrong user name or password"}]},
                                  {"WWW-Authenticate": 'Basic realm="plimsoll-token"'})
            access = []
            for scope in query.get("scope", []):
                for one in scope.split(" "):
                    parts = one.split(":")
                    if len(parts) < 3 or parts[0] != "repository":
                        continue
                    name, actions = ":".join(parts[1:-1]), set(parts[-1].split(","))
                    if user == USER:
                        granted = sorted(actions & {"pull", "push", "delete", "*"})
                    else:
                        granted = ["pull"] if "pull" in actions and name.startswith("public/") else []
                    access.append({"type": "repository", "name": name, "actions": granted})
            service = query.get("service", [options.service])[0]
            now = int(time.time())
            claims = {"iss": options.issuer, "sub": user or "", "aud": service, "exp": now + options.expires,
                      "nbf": now - 10, "iat": now, "jti": uuid.uuid4().hex, "access": access}
            state["last"] = {"user": user, "access": access}
            token = sign(claims)
            issued = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
            self.reply(200, {"token": token, "access_token": token, "expires_in": options.expires,
                             "issued_at": issued})

    return Handler


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5403)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--key", required=True, help="the EC P-256 private key (PEM) tokens are signed with")
    parser.add_argument("--cert", required=True, help="its self-signed certificate (PEM), the registry's root bundle")
    parser.add_argument("--password-file", required=True)
    parser.add_argument("--service", default="plimsoll-test-registry")
    parser.add_argument("--issuer", default="plimsoll-test-token-server")
    parser.add_argument("--expires", type=int, default=300)
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()
    with open(options.key, "rb") as handle:
        key = serialization.load_pem_private_key(handle.read(), password=None)
    with open(options.cert, "rb") as handle:
        cert_der = x509.load_pem_x509_certificate(handle.read()).public_bytes(serialization.Encoding.DER)
    with open(options.password_file) as handle:
        password = handle.read().strip()
    server = TokenServer((options.host, options.port), make_handler(options, key, cert_der, password))
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
