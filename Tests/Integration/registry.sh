#!/usr/bin/env bash
# Registry pulls and image trust against real components: Debian's docker-registry (anonymous, htpasswd basic auth,
# token auth with scripts/registry/token-server.py) and scripts/registry/hostile-registry.py, on 127.0.0.1:5400-5405.
#
#   Tests/Integration/registry.sh        alone: `N passed, N failed`, logs under $PLIMSOLL_FIXTURE_CACHE/results
#   (Tests/Integration/run.sh sources it and calls registry_checks, with its own check helper and counters)
#
# Environment: PLIMSOLL_BIN (alone: default .build/release/plimsoll), PLIMSOLL_FIXTURE_CACHE (the alpine and
# alpine-2layer OCI layouts that run.sh packs must exist), PLIMSOLL_REQUIRE_REGISTRY=1 (.ci/run sets it: a missing
# docker-registry, skopeo or htpasswd fails the suite instead of skipping this section).
#
# What is checked (each a `check`, logs in $RESULTS/logs/registry/…, reports and outputs in $RESULTS/registry/):
#   fixtures   the pushed digests are the layouts' digests; the independent verifier (verify-signature.py) agrees that
#              every signature fixture is verified, invalid or missing as intended
#   pull       scan by tag and by digest from each registry, with each way of giving credentials (--password-stdin,
#              PLIMSOLL_REGISTRY_* environment, DOCKER_CONFIG auths, a credHelpers helper, token flow with
#              credentials, anonymous token for public/); each report lists the same packages (and layers) as the
#              scan of the OCI layout, and trust.manifestDigest is the pushed digest; no or wrong credentials fail
#   platform   --platform linux/arm64 and linux/amd64 pick their manifest of an index (different packages), the
#              default picks the host's, an absent platform fails
#   trust      plimsoll verify: tag layout, referrers tag schema, referrers API → 0; wrong key, replayed payload,
#              tampered payload, no signature → 1 with the reason; unreadable key → 2; scan --require-signature
#              writes trust.signatureStatus; a layer altered in the registry's storage fails on its digest;
#              --require-digest refuses a tag
#   hostile    each hostile repository fails (not by timeout) within 120 s with one line on stderr, leaves no
#              unverified blob in --blob-cache, and the 100 MiB manifest costs < 200 MB RSS; hostile/retry and
#              hostile/redirect succeed, and the redirect's CDN saw no Authorization header; hostile/flaky (a layer
#              cut off halfway) succeeds by resuming with a Range request
#   secrets    no password (nor its base64 user:password) appears in any output or report of the section

REGISTRY_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REGISTRY_REPO=$(cd "$REGISTRY_HERE/../.." && pwd)
REGISTRY_SCRIPTS="$REGISTRY_REPO/scripts/registry"

# reg_plimsoll ARGS...: plimsoll, never longer than 120 s (a hang is a failure, not a stuck suite).
reg_plimsoll() { timeout 120 "$PLIMSOLL_BIN" "$@"; }

# reg_scan REPORT REF ARGS...: an inventory scan (no advisory database needed) written as JSON to REPORT.
reg_scan() {
    local report=$1 ref=$2
    shift 2
    rm -f "$report"
    reg_plimsoll scan "$ref" --scanners vuln --skip-vulnerabilities --format json --output "$report" "$@"
}

# reg_stdin TEXT COMMAND...: COMMAND with TEXT (a password) on its standard input.
reg_stdin() { local text=$1; shift; printf '%s\n' "$text" | "$@"; }

# reg_same REPORT BASELINE DIGEST [TRUST_FIELD=VALUE...]: the same packages and layers as the layout's scan, and the
# trust verdict names DIGEST.
reg_same() {
    local report=$1 baseline=$2 digest=$3
    shift 3
    python3 "$REGISTRY_HERE/check.py" agree "$baseline" "$report" || return 1
    python3 "$REGISTRY_HERE/check.py" trust "$report" "manifestDigest=$digest" "$@"
}

# reg_expect STATUS PATTERN NAME COMMAND...: COMMAND exits with STATUS ("nonzero": any failure but a timeout) and its
# standard output or error matches PATTERN (grep -iE). Both are kept in $REG_OUT/NAME.stdout/.stderr.
reg_expect() {
    local wanted=$1 pattern=$2 name=$3 status=0
    shift 3
    local out="$REG_OUT/$name"
    mkdir -p "$(dirname "$out")"
    "$@" >"$out.stdout" 2>"$out.stderr" || status=$?
    echo "exit status $status (wanted $wanted); stderr: $(head -c 300 "$out.stderr" | tr '\n' ' ')"
    if [[ $wanted == nonzero ]]; then
        ((status != 0 && status != 124 && status != 137)) || return 1
    else
        [[ $status == "$wanted" ]] || return 1
    fi
    [[ -z $pattern ]] || cat "$out.stdout" "$out.stderr" | grep -qiE "$pattern" \
        || { echo "no output matches /$pattern/"; cat "$out.stdout" | head -n 20; return 1; }
}

# reg_report_says REPORT STATUS: a report that was written (a refused scan may write none) has that signature status.
reg_report_says() {
    if [[ ! -s $1 ]]; then echo "no report written"; return 0; fi
    python3 "$REGISTRY_HERE/check.py" trust "$1" "signatureStatus=$2"
}

# reg_cache_clean DIR BAD_DIGEST...: every file under DIR/blobs hashes to the name it is stored under
# (blobs/sha256/<hex>), and none of BAD_DIGEST (blobs that did not verify) is there.
reg_cache_clean() {
    python3 - "$@" <<'PY'
import hashlib, os, sys
root, bad = sys.argv[1], {d.split(":")[-1] for d in sys.argv[2:]}
problems, count = [], 0
for directory, _, files in os.walk(os.path.join(root, "blobs")):
    for name in files:
        path = os.path.join(directory, name)
        count += 1
        if name in bad:
            problems.append(f"unverified blob kept: {path}")
            continue
        with open(path, "rb") as handle:
            actual = hashlib.sha256(handle.read()).hexdigest()
        if os.path.basename(directory) != "sha256" or actual != name:
            problems.append(f"{path} is not a verified blob (hashes to {actual})")
print(f"blob cache: {count} files" + (f"; {'; '.join(problems)}" if problems else ", all verified"))
sys.exit(1 if problems else 0)
PY
}

# reg_hostile NAME REF BAD_DIGEST [ARGS...]: plimsoll fails (not by the 120 s timeout) with exactly one line on stderr,
# its blob cache holds no unverified blob, and its peak RSS goes to $REG_OUT/hostile/NAME.rss (KB).
reg_hostile() {
    local name=$1 ref=$2 bad=$3 status=0 lines started=$SECONDS
    shift 3
    local out="$REG_OUT/hostile/$name" cache="$REG_OUT/hostile/$name.cache"
    mkdir -p "$REG_OUT/hostile"
    rm -rf "$cache" "$out.json"
    timeout 120 /usr/bin/time -f %M -o "$out.rss" "$PLIMSOLL_BIN" scan "$ref" --scanners vuln \
        --skip-vulnerabilities --format json --output "$out.json" --blob-cache "$cache" "$@" \
        >"$out.stdout" 2>"$out.stderr" || status=$?
    lines=$(grep -c '' "$out.stderr")
    echo "exit status $status after $((SECONDS - started)) s, $lines stderr line(s): $(head -c 300 "$out.stderr")"
    ((status != 0 && status != 124 && status != 137)) || { echo "wanted a failure before the timeout"; return 1; }
    ((lines == 1)) || { echo "wanted exactly one line on stderr"; return 1; }
    [[ -d $cache ]] || return 0
    reg_cache_clean "$cache" $bad
}

# reg_rss_below NAME MB: the peak RSS reg_hostile measured.
reg_rss_below() {
    local kb
    kb=$(tail -n 1 "$REG_OUT/hostile/$1.rss")
    echo "peak RSS $((kb / 1024)) MB (limit $2 MB)"
    ((kb < $2 * 1024))
}

# reg_no_authorization_forwarded: the hostile registry's CDN served blobs and none came with an Authorization header.
reg_no_authorization_forwarded() {
    local answer
    answer=$(curl -s -m 10 http://127.0.0.1:5404/debug/last-authorization) || return 1
    echo "CDN: $answer"
    python3 -c 'import json, sys; a = json.loads(sys.argv[1]); sys.exit(0 if a["requests"] > 0 and a["withAuthorization"] == 0 else 1)' \
        "$answer"
}

# reg_range_requested: the hostile registry's cut-off transfer was resumed with a Range request, not restarted.
reg_range_requested() {
    local answer
    answer=$(curl -s -m 10 http://127.0.0.1:5404/debug/ranges) || return 1
    echo "ranges asked for: $answer"
    python3 -c 'import json, sys; r = json.loads(sys.argv[1])["ranges"]; sys.exit(0 if r and all(x.startswith("bytes=") and x != "bytes=0-" for x in r) else 1)' \
        "$answer"
}

# reg_no_secrets SECRET... : none of the strings occurs in the section's outputs, reports and logs.
reg_no_secrets() {
    local secret found=0 where
    for secret in "$@"; do
        where=$(grep -rlF -- "$secret" "$REG_OUT" "$RESULTS/logs/registry" 2>/dev/null || true)
        if [[ -n $where ]]; then echo "a credential appears in: $where"; found=1; fi
    done
    ((found == 0)) && echo "no credential in $(find "$REG_OUT" "$RESULTS/logs/registry" -type f | wc -l) files"
    ((found == 0))
}

reg_digest_of_layout() {  # reg_digest_of_layout METADATA: the OCI layout's manifest digest
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["outputs"]["oci-layout"]["manifestDigest"])' "$1"
}

registry_checks() {
    local missing=() tool
    command -v docker-registry >/dev/null || missing+=(docker-registry)
    command -v skopeo >/dev/null || missing+=(skopeo)
    command -v htpasswd >/dev/null || missing+=(apache2-utils)
    python3 -c 'import cryptography' 2>/dev/null || missing+=(python3-cryptography)
    if ((${#missing[@]})); then
        if [[ ${PLIMSOLL_REQUIRE_REGISTRY:-0} == 1 ]]; then
            check registry/tools-installed bash -c "echo 'missing: ${missing[*]}'; false"
        else
            say "SKIP registry: ${missing[*]} not installed (apt-get install docker-registry skopeo apache2-utils)"
        fi
        return 0
    fi
    local alpine="$IMAGES/alpine/oci" alpine2="$IMAGES/alpine-2layer/oci"
    if [[ ! -f $alpine/index.json || ! -f $alpine2/index.json ]]; then
        check registry/fixtures-packed bash -c "echo 'the alpine and alpine-2layer layouts are not packed: run run.sh'; false"
        return 0
    fi

    REG_OUT="$RESULTS/registry"
    rm -rf "$REG_OUT"
    mkdir -p "$REG_OUT" "$CACHE/tmp"
    local state keys
    state=$(mktemp -d "$CACHE/tmp/registries.XXXXXX")
    keys="$state/keys"
    mkdir -p "$keys" "$state/bin"
    # Test keys, made now: the signer's (cosign.key/.pub) and another (other.key/.pub).
    openssl ecparam -name prime256v1 -genkey -noout -out "$keys/cosign.key" 2>/dev/null
    openssl ec -in "$keys/cosign.key" -pubout -out "$keys/cosign.pub" 2>/dev/null
    openssl ecparam -name prime256v1 -genkey -noout -out "$keys/other.key" 2>/dev/null
    openssl ec -in "$keys/other.key" -pubout -out "$keys/other.pub" 2>/dev/null

    # shellcheck disable=SC2064 # expand $state now
    trap "'$REGISTRY_SCRIPTS/stop-registries.sh' '$state'" EXIT
    if ! HOSTILE_IMAGE="$alpine" HOSTILE_SIGN_KEY="$keys/cosign.key" \
        "$REGISTRY_SCRIPTS/start-registries.sh" "$state" >"$REG_OUT/start.log" 2>&1; then
        check registry/start bash -c "cat '$REG_OUT/start.log'; false"
        "$REGISTRY_SCRIPTS/stop-registries.sh" "$state"
        trap - EXIT
        return 0
    fi
    say "registries up (state $state)"
    local basic_pw token_pw hostile_pw
    basic_pw=$(cat "$state/basic-password") token_pw=$(cat "$state/token-password")
    hostile_pw=$(cat "$state/hostile-password")

    # No ambient credentials: every run reads an empty DOCKER_CONFIG unless a check gives its own.
    local saved_docker_config=${DOCKER_CONFIG-__unset__}
    export DOCKER_CONFIG="$state/docker-empty"
    mkdir -p "$DOCKER_CONFIG"
    echo '{}' >"$DOCKER_CONFIG/config.json"

    # ---- fixtures: push, and check them without Plimsoll
    local D D2 push="$REGISTRY_SCRIPTS/push-image.sh" sign="$REGISTRY_SCRIPTS/sign-image.py"
    D=$(reg_digest_of_layout "$IMAGES/alpine/metadata.json")
    D2=$(reg_digest_of_layout "$IMAGES/alpine-2layer/metadata.json")
    local multi="$state/multiarch" multi_meta="$state/multiarch.json"
    check registry/fixtures/make-multiarch python3 "$REGISTRY_SCRIPTS/make-multiarch-layout.py" --out "$multi" \
        --image "$alpine=linux/amd64" --image "$alpine2=linux/arm64" --metadata "$multi_meta"
    # reg_push LABEL EXPECTED_DIGEST PUSH_ARGS...: pushed, and the registry's digest is the expected one.
    reg_push() {
        local label=$1 expected=$2 got
        shift 2
        got=$("$push" "$@") || return 1
        echo "$label: $got"
        [[ $got == "$expected" ]]
    }
    local index_digest amd64_digest arm64_digest
    index_digest=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["index"])' "$multi_meta")
    amd64_digest=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["manifests"]["linux/amd64"])' "$multi_meta")
    arm64_digest=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["manifests"]["linux/arm64"])' "$multi_meta")
    local repository
    for repository in test/alpine sig/tag sig/referrer sig/wrong-key sig/other-digest sig/tampered sig/missing; do
        check "registry/fixtures/push-anonymous-$repository" reg_push "$repository" "$D" "$alpine" \
            "127.0.0.1:5400/$repository:1"
    done
    check registry/fixtures/push-anonymous-multiarch reg_push test/multi "$index_digest" --all "$multi:multi" \
        127.0.0.1:5400/test/multi:1
    check registry/fixtures/push-basic reg_push x/alpine "$D" --password-file "$state/basic-password" "$alpine" \
        127.0.0.1:5401/x/alpine:1
    check registry/fixtures/push-token-private reg_push private/alpine "$D" --password-file "$state/token-password" \
        "$alpine" 127.0.0.1:5402/private/alpine:1
    check registry/fixtures/push-token-public reg_push public/alpine "$D" --password-file "$state/token-password" \
        "$alpine" 127.0.0.1:5402/public/alpine:1
    # A layer altered in the registry's own storage after the push: a real registry serving wrong bytes.
    local rpm_digest rpm_layer
    rpm_digest=$(reg_digest_of_layout "$IMAGES/rpm/metadata.json")
    rpm_layer=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["layers"][0]["digest"])' \
        "$IMAGES/rpm/metadata.json")
    check registry/fixtures/push-tampered reg_push tamper/rpm "$rpm_digest" "$IMAGES/rpm/oci" 127.0.0.1:5400/tamper/rpm:1
    check registry/fixtures/tamper-layer-in-storage python3 - "$state/anonymous" "$rpm_layer" <<'PY'
import os, sys
hex_ = sys.argv[2].split(":")[1]
path = os.path.join(sys.argv[1], "docker/registry/v2/blobs/sha256", hex_[:2], hex_, "data")
data = bytearray(open(path, "rb").read())
data[4] ^= 0x01  # the gzip header's mtime: still valid gzip of the same tar; only the digest can tell
open(path, "wb").write(bytes(data))
print(f"altered byte 4 of {path}")
PY

    local v="$REGISTRY_SCRIPTS/verify-signature.py" anon=127.0.0.1:5400
    check registry/fixtures/sign-tag python3 "$sign" --registry $anon --repository sig/tag --digest "$D" \
        --key "$keys/cosign.key"
    check registry/fixtures/sign-referrer python3 "$sign" --registry $anon --repository sig/referrer --digest "$D" \
        --key "$keys/cosign.key" --as referrer
    check registry/fixtures/sign-wrong-key python3 "$sign" --registry $anon --repository sig/wrong-key --digest "$D" \
        --key "$keys/other.key"
    check registry/fixtures/sign-other-digest python3 "$sign" --registry $anon --repository sig/other-digest \
        --digest "$D" --key "$keys/cosign.key" --sign-digest "$D2"
    check registry/fixtures/sign-tampered python3 "$sign" --registry $anon --repository sig/tampered --digest "$D" \
        --key "$keys/cosign.key" --tamper-payload --as referrer
    check registry/fixtures/sign-basic python3 "$sign" --registry 127.0.0.1:5401 --repository x/alpine --digest "$D" \
        --key "$keys/cosign.key" --password-file "$state/basic-password" --as referrer
    check registry/fixtures/sign-token python3 "$sign" --registry 127.0.0.1:5402 --repository private/alpine \
        --digest "$D" --key "$keys/cosign.key" --password-file "$state/token-password"
    local expectation
    for expectation in sig/tag=verified sig/referrer=verified sig/wrong-key=invalid sig/other-digest=invalid \
        sig/tampered=invalid sig/missing=missing; do
        check "registry/fixtures/oracle-${expectation%%=*}" python3 "$v" --registry $anon \
            --repository "${expectation%%=*}" --digest "$D" --key "$keys/cosign.pub" --expect "${expectation#*=}"
    done
    check registry/fixtures/oracle-hostile-referrers-api python3 "$v" --registry 127.0.0.1:5404 \
        --repository good/app --digest "$D" --key "$keys/cosign.pub"

    if [[ -z ${PLIMSOLL_BIN:-} ]]; then
        say "SKIP registry/plimsoll: no plimsoll binary"
        reg_finish "$state" "$saved_docker_config"
        return 0
    fi
    # (Before registry support, `plimsoll verify --help` printed the root help and exited 0: look for verify's --key.)
    check registry/plimsoll/has-verify bash -c "'$PLIMSOLL_BIN' verify --help 2>&1 | grep -q -- '--key'"
    if [[ ${failures[*]} == *registry/plimsoll/has-verify* ]]; then
        say "SKIP registry/plimsoll: this plimsoll has no verify command (registry support not built in)"
        reg_finish "$state" "$saved_docker_config"
        return 0
    fi

    # ---- pull: baselines from the layouts, then every registry and credential source
    local o="$REG_OUT" base="$REG_OUT/layout-alpine.json" base2="$REG_OUT/layout-alpine-2layer.json" layer
    layer=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["layers"][0]["digest"])' \
        "$IMAGES/alpine/metadata.json")
    check registry/plimsoll/layout-alpine reg_scan "$base" "oci-layout:$alpine"
    check registry/plimsoll/layout-alpine-2layer reg_scan "$base2" "oci-layout:$alpine2"

    check registry/anonymous/tag reg_scan "$o/anonymous-tag.json" $anon/test/alpine:1
    check registry/anonymous/tag-same reg_same "$o/anonymous-tag.json" "$base" "$D" 'pinned|isPinned=false'
    check registry/anonymous/digest reg_scan "$o/anonymous-digest.json" "$anon/test/alpine@$D"
    check registry/anonymous/digest-same reg_same "$o/anonymous-digest.json" "$base" "$D" 'pinned|isPinned=true'
    check registry/anonymous/docker-scheme reg_scan "$o/anonymous-docker.json" "docker://$anon/test/alpine:1"
    check registry/anonymous/docker-scheme-same reg_same "$o/anonymous-docker.json" "$base" "$D"
    check registry/anonymous/registry-scheme reg_scan "$o/anonymous-registry.json" "registry:$anon/test/alpine@$D"
    check registry/anonymous/registry-scheme-same reg_same "$o/anonymous-registry.json" "$base" "$D"
    check registry/anonymous/unknown-repository reg_expect 2 "not found|unknown|404|name" anonymous-unknown \
        reg_scan "$o/unknown.json" $anon/no/such:1
    # The blob cache: verified blobs stored as blobs/sha256/<hex>; a second scan from the cache agrees.
    check registry/anonymous/blob-cache reg_scan "$o/cache-1.json" $anon/test/alpine:1 --blob-cache "$o/blob-cache"
    check registry/anonymous/blob-cache-holds-the-layer test -s "$o/blob-cache/blobs/sha256/${layer#sha256:}"
    check registry/anonymous/blob-cache-verified reg_cache_clean "$o/blob-cache"
    check registry/anonymous/blob-cache-second-scan reg_scan "$o/cache-2.json" $anon/test/alpine:1 \
        --blob-cache "$o/blob-cache"
    check registry/anonymous/blob-cache-second-same reg_same "$o/cache-2.json" "$base" "$D"

    local basic=127.0.0.1:5401
    check registry/basic/password-stdin-tag reg_stdin "$basic_pw" reg_scan "$o/basic-stdin-tag.json" \
        $basic/x/alpine:1 --username plimsoll --password-stdin
    check registry/basic/password-stdin-tag-same reg_same "$o/basic-stdin-tag.json" "$base" "$D"
    check registry/basic/password-stdin-digest reg_stdin "$basic_pw" reg_scan "$o/basic-stdin-digest.json" \
        "$basic/x/alpine@$D" --username plimsoll --password-stdin
    check registry/basic/password-stdin-digest-same reg_same "$o/basic-stdin-digest.json" "$base" "$D"
    check registry/basic/environment env PLIMSOLL_REGISTRY_USERNAME=plimsoll PLIMSOLL_REGISTRY_PASSWORD="$basic_pw" \
        timeout 120 "$PLIMSOLL_BIN" scan $basic/x/alpine:1 --scanners vuln --skip-vulnerabilities --format json \
        --output "$o/basic-env.json"
    check registry/basic/environment-same reg_same "$o/basic-env.json" "$base" "$D"
    local auths="$state/docker-auths" helper="$state/docker-helper"
    mkdir -p "$auths" "$helper"
    python3 - "$auths/config.json" "$basic_pw" <<'PY'
import base64, json, sys
json.dump({"auths": {"127.0.0.1:5401": {"auth": base64.b64encode(f"plimsoll:{sys.argv[2]}".encode()).decode()}}},
          open(sys.argv[1], "w"))
PY
    echo '{"credHelpers": {"127.0.0.1:5401": "plimsolltest"}}' >"$helper/config.json"
    # The credential helper: answers for 127.0.0.1:5401 only, and notes each server URL it is asked about.
    cat >"$state/bin/docker-credential-plimsolltest" <<EOF
#!/usr/bin/env bash
[[ \$1 == get ]] || exit 1
read -r server
echo "\$server" >>'$state/credential-helper.log'
case \$server in
    127.0.0.1:5401|http://127.0.0.1:5401|https://127.0.0.1:5401|*://127.0.0.1:5401/*|127.0.0.1:5401/*)
        python3 -c 'import json,sys; print(json.dumps({"ServerURL": sys.argv[1], "Username": "plimsoll", "Secret": open(sys.argv[2]).read().strip()}))' "\$server" '$state/basic-password' ;;
    *) echo "credentials not found in native keychain"; exit 1 ;;
esac
EOF
    chmod +x "$state/bin/docker-credential-plimsolltest"
    check registry/basic/docker-config-auths env DOCKER_CONFIG="$auths" timeout 120 "$PLIMSOLL_BIN" scan "$basic/x/alpine:1" \
        --scanners vuln --skip-vulnerabilities --format json --output "$o/basic-auths.json"
    check registry/basic/docker-config-auths-same reg_same "$o/basic-auths.json" "$base" "$D"
    check registry/basic/credential-helper env DOCKER_CONFIG="$helper" PATH="$state/bin:$PATH" timeout 120 \
        "$PLIMSOLL_BIN" scan \
        "$basic/x/alpine@$D" --scanners vuln --skip-vulnerabilities --format json --output "$o/basic-helper.json"
    check registry/basic/credential-helper-same reg_same "$o/basic-helper.json" "$base" "$D"
    check registry/basic/credential-helper-was-asked grep -H 5401 "$state/credential-helper.log"
    check registry/basic/no-credentials-refused reg_expect 2 "401|unauthori|credential|authenticat|denied" \
        basic-none reg_scan "$o/basic-none.json" $basic/x/alpine:1
    check registry/basic/wrong-password-refused reg_expect 2 "401|unauthori|credential|authenticat|denied" \
        basic-wrong reg_stdin "wrong-$basic_pw-wrong" reg_scan "$o/basic-wrong.json" $basic/x/alpine:1 \
        --username plimsoll --password-stdin

    local token=127.0.0.1:5402
    check registry/token/private-tag reg_stdin "$token_pw" reg_scan "$o/token-tag.json" $token/private/alpine:1 \
        --username plimsoll --password-stdin
    check registry/token/private-tag-same reg_same "$o/token-tag.json" "$base" "$D"
    check registry/token/private-digest reg_stdin "$token_pw" reg_scan "$o/token-digest.json" \
        "$token/private/alpine@$D" --username plimsoll --password-stdin
    check registry/token/private-digest-same reg_same "$o/token-digest.json" "$base" "$D"
    check registry/token/public-anonymous-tag reg_scan "$o/token-public-tag.json" $token/public/alpine:1
    check registry/token/public-anonymous-tag-same reg_same "$o/token-public-tag.json" "$base" "$D"
    check registry/token/public-anonymous-digest reg_scan "$o/token-public-digest.json" "$token/public/alpine@$D"
    check registry/token/public-anonymous-digest-same reg_same "$o/token-public-digest.json" "$base" "$D"
    check registry/token/private-anonymous-refused reg_expect 2 "401|unauthori|credential|authenticat|denied" \
        token-anonymous reg_scan "$o/token-anonymous.json" $token/private/alpine:1

    # ---- platform
    check registry/platform/arm64 reg_scan "$o/multi-arm64.json" $anon/test/multi:1 --platform linux/arm64
    check registry/platform/arm64-same reg_same "$o/multi-arm64.json" "$base2" "$arm64_digest" \
        "indexDigest=$index_digest"
    check registry/platform/amd64 reg_scan "$o/multi-amd64.json" $anon/test/multi:1 --platform linux/amd64
    check registry/platform/amd64-same reg_same "$o/multi-amd64.json" "$base" "$amd64_digest" \
        "indexDigest=$index_digest"
    check registry/platform/index-by-digest reg_scan "$o/multi-digest.json" "$anon/test/multi@$index_digest" \
        --platform linux/arm64
    check registry/platform/index-by-digest-same reg_same "$o/multi-digest.json" "$base2" "$arm64_digest" \
        "indexDigest=$index_digest"
    local host_arch
    case $(uname -m) in x86_64) host_arch=amd64 ;; aarch64 | arm64) host_arch=arm64 ;; *) host_arch="" ;; esac
    check registry/platform/default reg_scan "$o/multi-default.json" $anon/test/multi:1
    if [[ $host_arch == amd64 ]]; then
        check registry/platform/default-is-host reg_same "$o/multi-default.json" "$base" "$amd64_digest"
    elif [[ $host_arch == arm64 ]]; then
        check registry/platform/default-is-host reg_same "$o/multi-default.json" "$base2" "$arm64_digest"
    fi
    check registry/platform/absent-refused reg_expect 2 "platform|s390x" platform-absent \
        reg_scan "$o/multi-s390x.json" $anon/test/multi:1 --platform linux/s390x

    # ---- trust: plimsoll verify, scan --require-signature, --require-digest, altered layers
    local pub="$keys/cosign.pub" other="$keys/other.pub"
    check registry/trust/verify-tag reg_expect 0 "" verify-tag reg_plimsoll verify $anon/sig/tag:1 --key "$pub"
    check registry/trust/verify-tag-by-digest reg_expect 0 "" verify-tag-digest reg_plimsoll verify \
        "$anon/sig/tag@$D" --key "$pub"
    check registry/trust/verify-referrers-tag-schema reg_expect 0 "" verify-referrer reg_plimsoll verify \
        $anon/sig/referrer:1 --key "$pub"
    check registry/trust/verify-referrers-api reg_expect 0 "" verify-referrers-api reg_plimsoll verify \
        127.0.0.1:5404/good/app:1 --key "$pub"
    check registry/trust/verify-basic reg_expect 0 "" verify-basic reg_stdin "$basic_pw" reg_plimsoll verify \
        $basic/x/alpine:1 --key "$pub" --username plimsoll --password-stdin
    check registry/trust/verify-token reg_expect 0 "" verify-token reg_stdin "$token_pw" reg_plimsoll verify \
        $token/private/alpine:1 --key "$pub" --username plimsoll --password-stdin
    check registry/trust/verify-json reg_expect 0 "verified" verify-json reg_plimsoll verify $anon/sig/tag:1 \
        --key "$pub" --format json
    check registry/trust/wrong-key reg_expect 1 "key" verify-wrong-key reg_plimsoll verify $anon/sig/wrong-key:1 \
        --key "$pub"
    check registry/trust/other-key-for-good-signature reg_expect 1 "key" verify-other-key reg_plimsoll verify \
        $anon/sig/tag:1 --key "$other"
    check registry/trust/payload-names-another-image reg_expect 1 "${D2#sha256:}|${D2:7:12}|another image" \
        verify-other-digest reg_plimsoll verify $anon/sig/other-digest:1 --key "$pub"
    check registry/trust/tampered-payload reg_expect 1 "signature|key|payload" verify-tampered reg_plimsoll verify \
        $anon/sig/tampered:1 --key "$pub"
    check registry/trust/missing reg_expect 1 "no cosign signature" verify-missing reg_plimsoll verify \
        $anon/sig/missing:1 --key "$pub"
    check registry/trust/unreadable-key reg_expect 2 "key|$state/keys/none.pub|none.pub" verify-no-key \
        reg_plimsoll verify $anon/sig/tag:1 --key "$state/keys/none.pub"
    check registry/trust/unreadable-key-one-line bash -c "[[ \$(grep -c '' '$REG_OUT/verify-no-key.stderr') == 1 ]]"
    check registry/trust/scan-require-signature reg_scan "$o/require-signature.json" $anon/sig/tag:1 \
        --require-signature --key "$pub"
    check registry/trust/scan-require-signature-verified python3 "$REGISTRY_HERE/check.py" trust \
        "$o/require-signature.json" signatureStatus=verified "manifestDigest=$D"
    check registry/trust/scan-require-signature-same reg_same "$o/require-signature.json" "$base" "$D"
    check registry/trust/scan-require-signature-second-key reg_scan "$o/require-signature-keys.json" \
        $anon/sig/tag:1 --require-signature --key "$other" --key "$pub"
    check registry/trust/scan-require-signature-second-key-verified python3 "$REGISTRY_HERE/check.py" trust \
        "$o/require-signature-keys.json" signatureStatus=verified
    check registry/trust/scan-require-signature-wrong-key reg_expect nonzero "key|signature" scan-wrong-key \
        reg_scan "$o/require-signature-wrong.json" $anon/sig/tag:1 --require-signature --key "$other"
    check registry/trust/scan-require-signature-wrong-key-report reg_report_says "$o/require-signature-wrong.json" \
        invalid
    check registry/trust/scan-require-signature-missing reg_expect nonzero "signature" scan-missing \
        reg_scan "$o/require-signature-missing.json" $anon/sig/missing:1 --require-signature --key "$pub"
    check registry/trust/scan-require-signature-missing-report reg_report_says "$o/require-signature-missing.json" \
        missing
    check registry/trust/scan-without-key-not-checked python3 "$REGISTRY_HERE/check.py" trust \
        "$o/anonymous-tag.json" signatureStatus=not-checked
    check registry/trust/altered-layer-in-registry reg_expect nonzero "digest|hashes to" altered-layer \
        reg_scan "$o/altered.json" $anon/tamper/rpm:1
    check registry/trust/altered-layer-on-hostile reg_expect nonzero "digest|hashes to" altered-layer-hostile \
        reg_scan "$o/altered-hostile.json" 127.0.0.1:5404/hostile/bad-digest:1
    check registry/trust/require-digest-refuses-tag reg_expect nonzero "digest" require-digest-tag \
        reg_scan "$o/require-digest-tag.json" $anon/test/alpine:1 --require-digest
    check registry/trust/require-digest-accepts-digest reg_scan "$o/require-digest.json" "$anon/test/alpine@$D" \
        --require-digest
    check registry/trust/require-digest-accepts-digest-same reg_same "$o/require-digest.json" "$base" "$D" \
        'pinned|isPinned=true'

    # ---- hostile
    local h=127.0.0.1:5404
    check registry/hostile/good-app reg_scan "$o/hostile-good.json" $h/good/app:1
    check registry/hostile/good-app-same reg_same "$o/hostile-good.json" "$base" "$D"
    check registry/hostile/wrong-length reg_hostile wrong-length $h/hostile/wrong-length:1 "$layer"
    check registry/hostile/bad-digest reg_hostile bad-digest $h/hostile/bad-digest:1 "$layer"
    check registry/hostile/bad-digest-says-digest grep -iE "digest|hashes to" "$REG_OUT/hostile/bad-digest.stderr"
    check registry/hostile/huge-manifest reg_hostile huge-manifest $h/hostile/huge-manifest:1 ""
    check registry/hostile/huge-manifest-memory reg_rss_below huge-manifest 200
    check registry/hostile/redirect-loop reg_hostile redirect-loop $h/hostile/redirect-loop:1 "$layer"
    check registry/hostile/slow-token reg_hostile slow-token $h/hostile/slow-token:1 ""
    check registry/hostile/self-index reg_hostile self-index $h/hostile/self-index:1 ""
    curl -s -X POST -o /dev/null http://127.0.0.1:5404/debug/reset
    check registry/hostile/retry-succeeds reg_scan "$o/hostile-retry.json" $h/hostile/retry:1
    check registry/hostile/retry-same reg_same "$o/hostile-retry.json" "$base" "$D"
    curl -s -X POST -o /dev/null http://127.0.0.1:5404/debug/reset
    check registry/hostile/redirect-succeeds reg_stdin "$hostile_pw" reg_scan "$o/hostile-redirect.json" \
        $h/hostile/redirect:1 --username plimsoll --password-stdin
    check registry/hostile/redirect-same reg_same "$o/hostile-redirect.json" "$base" "$D"
    check registry/hostile/redirect-drops-authorization reg_no_authorization_forwarded
    curl -s -X POST -o /dev/null http://127.0.0.1:5404/debug/reset
    check registry/hostile/flaky-resumes reg_scan "$o/hostile-flaky.json" $h/hostile/flaky:1
    check registry/hostile/flaky-same reg_same "$o/hostile-flaky.json" "$base" "$D"
    check registry/hostile/flaky-asked-for-the-rest reg_range_requested

    # ---- no credential in anything the section wrote
    local b64
    b64=$(printf 'plimsoll:%s' "$basic_pw" | base64 -w0)
    check registry/no-credentials-in-output reg_no_secrets "$basic_pw" "$token_pw" "$hostile_pw" "$b64"
    reg_finish "$state" "$saved_docker_config"
}

# reg_finish STATE SAVED_DOCKER_CONFIG: stop the registries, restore DOCKER_CONFIG.
reg_finish() {
    "$REGISTRY_SCRIPTS/stop-registries.sh" "$1"
    trap - EXIT
    if [[ $2 == __unset__ ]]; then unset DOCKER_CONFIG; else export DOCKER_CONFIG=$2; fi
    cp "$1"/*.log "$REG_OUT/" 2>/dev/null
    rm -rf "$1"
}

# Alone: the suite's helpers, then the section.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -uo pipefail
    CACHE=${PLIMSOLL_FIXTURE_CACHE:-/var/tmp/plimsoll-fixtures}
    IMAGES="$CACHE/images"
    RESULTS="$CACHE/results"
    PLIMSOLL_BIN=${PLIMSOLL_BIN-$REGISTRY_REPO/.build/release/plimsoll}
    [[ -x $PLIMSOLL_BIN ]] || PLIMSOLL_BIN=""
    passed=0 failed=0 failures=()
    source "$REGISTRY_HERE/check-helpers.sh"
    rm -rf "$RESULTS/logs/registry"
    registry_checks
    say ""
    ((failed)) && say "failed: ${failures[*]}"
    say "$passed passed, $failed failed"
    ((failed == 0))
fi
