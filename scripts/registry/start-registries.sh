#!/usr/bin/env bash
# Starts the test registries on 127.0.0.1 and waits until each answers GET /v2/ (scripts/registry/stop-registries.sh
# STATE_DIR stops them):
#
#   scripts/registry/start-registries.sh STATE_DIR
#
#   5400  Debian's docker-registry, anonymous                        storage STATE_DIR/anonymous
#   5401  docker-registry behind htpasswd basic auth                 user plimsoll, password in STATE_DIR/basic-password
#   5402  docker-registry with token auth (realm: the token server)  storage STATE_DIR/token
#   5403  scripts/registry/token-server.py                           user plimsoll, password in STATE_DIR/token-password;
#                                                                    anonymous pull only under public/
#   5404  scripts/registry/hostile-registry.py                       serves HOSTILE_IMAGE (an OCI layout) as good/app and
#   5405  (its "CDN", the redirect target)                           the hostile/* variants
#
# Environment:
#   HOSTILE_IMAGE      the OCI layout the hostile registry serves (default $PLIMSOLL_FIXTURE_CACHE/images/alpine/oci)
#   HOSTILE_SIGN_KEY   an EC P-256 private key (PEM): the hostile registry lists a cosign signature of good/app made
#                      with it in its referrers API (default: none, the referrers list is empty)
#   REGISTRY_BIN       the docker-registry binary (default: docker-registry on PATH)
#
# Writes STATE_DIR/pids (one "NAME PID" a line), STATE_DIR/*.log, the passwords, and the token key and certificate.
# Exits non-zero, after stopping what it started, when one does not come up within 30 s.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STATE=${1:?usage: $0 STATE_DIR}
mkdir -p "$STATE"
STATE=$(cd "$STATE" && pwd)
CACHE=${PLIMSOLL_FIXTURE_CACHE:-/var/tmp/plimsoll-fixtures}
HOSTILE_IMAGE=${HOSTILE_IMAGE:-$CACHE/images/alpine/oci}
REGISTRY_BIN=${REGISTRY_BIN:-$(command -v docker-registry || true)}
[[ -x $REGISTRY_BIN ]] || { echo "start-registries: docker-registry is not installed (apt-get install docker-registry)" >&2; exit 3; }
command -v htpasswd >/dev/null || { echo "start-registries: htpasswd is missing (apt-get install apache2-utils)" >&2; exit 3; }
command -v openssl >/dev/null || { echo "start-registries: openssl is missing" >&2; exit 3; }
[[ -f $HOSTILE_IMAGE/index.json ]] || { echo "start-registries: no OCI layout at $HOSTILE_IMAGE" >&2; exit 3; }

for port in 5400 5401 5402 5403 5404 5405; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "start-registries: port $port is already in use (another run? scripts/registry/stop-registries.sh)" >&2
        exit 3
    fi
done

: >"$STATE/pids"
started() { echo "$1 $2" >>"$STATE/pids"; }
fail() { echo "start-registries: $*" >&2; "$HERE/stop-registries.sh" "$STATE" >/dev/null 2>&1 || true; exit 1; }

password() { python3 -c 'import secrets; print("pw-" + secrets.token_urlsafe(18))'; }
[[ -s $STATE/basic-password ]] || password >"$STATE/basic-password"
[[ -s $STATE/token-password ]] || password >"$STATE/token-password"
[[ -s $STATE/hostile-password ]] || password >"$STATE/hostile-password"
chmod 600 "$STATE"/*-password
htpasswd -Bbn plimsoll "$(cat "$STATE/basic-password")" >"$STATE/htpasswd" 2>/dev/null

# The token server's signing key and the self-signed certificate the registry trusts (its rootcertbundle).
if [[ ! -s $STATE/token-cert.pem ]]; then
    openssl ecparam -name prime256v1 -genkey -noout -out "$STATE/token-key.ec.pem" 2>/dev/null
    openssl pkcs8 -topk8 -nocrypt -in "$STATE/token-key.ec.pem" -out "$STATE/token-key.pem"
    openssl req -new -x509 -key "$STATE/token-key.pem" -out "$STATE/token-cert.pem" -days 30 \
        -subj "/CN=plimsoll-test-token-server" 2>/dev/null
fi

# registry_config NAME PORT AUTH_YAML: a docker-registry configuration with its storage under STATE_DIR/NAME.
registry_config() {
    local name=$1 port=$2 auth=$3
    mkdir -p "$STATE/$name"
    cat >"$STATE/$name.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $STATE/$name
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:$port
  secret: plimsoll-test-$name
  headers:
    X-Content-Type-Options: [nosniff]
$auth
EOF
}

registry_config anonymous 5400 ""
registry_config basic 5401 "auth:
  htpasswd:
    realm: plimsoll-basic
    path: $STATE/htpasswd"
registry_config token 5402 "auth:
  token:
    realm: http://127.0.0.1:5403/token
    service: plimsoll-test-registry
    issuer: plimsoll-test-token-server
    rootcertbundle: $STATE/token-cert.pem"

for name in anonymous basic token; do
    # The registry forks nothing; setsid keeps it out of the caller's terminal signals (the trap stops it).
    setsid "$REGISTRY_BIN" serve "$STATE/$name.yml" >"$STATE/$name.log" 2>&1 </dev/null &
    started "registry-$name" $!
done
setsid python3 "$HERE/token-server.py" --port 5403 --key "$STATE/token-key.pem" --cert "$STATE/token-cert.pem" \
    --password-file "$STATE/token-password" >"$STATE/token-server.log" 2>&1 </dev/null &
started token-server $!
hostile_args=(--port 5404 --cdn-port 5405 --image "$HOSTILE_IMAGE" --password-file "$STATE/hostile-password")
[[ -n ${HOSTILE_SIGN_KEY:-} ]] && hostile_args+=(--sign-key "$HOSTILE_SIGN_KEY")
setsid python3 "$HERE/hostile-registry.py" "${hostile_args[@]}" >"$STATE/hostile.log" 2>&1 </dev/null &
started hostile-registry $!

# wait_for NAME URL STATUS...: until GET URL answers one of the statuses (401 counts: it is up, asking for auth).
wait_for() {
    local name=$1 url=$2 status deadline=$((SECONDS + 30))
    shift 2
    while ((SECONDS < deadline)); do
        status=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" || true)
        [[ " $* " == *" $status "* ]] && return 0
        sleep 0.2
    done
    fail "$name did not answer $url within 30 s (last status ${status:-none}); see $STATE/$name.log"
}
wait_for anonymous http://127.0.0.1:5400/v2/ 200
wait_for basic http://127.0.0.1:5401/v2/ 401
wait_for token http://127.0.0.1:5402/v2/ 401
wait_for token-server "http://127.0.0.1:5403/token?service=plimsoll-test-registry" 200
wait_for hostile http://127.0.0.1:5404/v2/ 200
wait_for hostile-cdn http://127.0.0.1:5405/healthz 200
echo "registries up: anonymous 5400, basic 5401, token 5402 (token server 5403), hostile 5404 (CDN 5405); state $STATE"
