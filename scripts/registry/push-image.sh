#!/usr/bin/env bash
# Pushes an OCI layout to a test registry with skopeo and prints the manifest digest the registry stored (for an image
# index, the index's digest).
#
#   scripts/registry/push-image.sh [--creds USER:PASSWORD | --password-file FILE] [--all] LAYOUT[:REF] HOST:PORT/REPO:TAG
#
#   --creds / --password-file   credentials for the basic-auth or token registry (user plimsoll with --password-file)
#   --all                       an image index: push it and every platform's manifest (skopeo copy --all)
#
# The digest is read back from the registry (HEAD of the manifest, Docker-Content-Digest), so it is what a client
# pulling the tag will get.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
creds=() all=() user="" password=""
while (($#)); do
    case $1 in
        --creds) user=${2%%:*}; password=${2#*:}; shift ;;
        --password-file) user=plimsoll; password=$(cat "$2"); shift ;;
        --all) all=(--all) ;;
        -*) echo "push-image: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
    shift
done
(($# == 2)) || { echo "usage: $0 [--creds U:P | --password-file F] [--all] LAYOUT[:REF] HOST:PORT/REPO:TAG" >&2; exit 2; }
source=$1 destination=$2
[[ -n $user ]] && creds=(--dest-creds "$user:$password")
skopeo copy -q --dest-tls-verify=false "${all[@]}" "${creds[@]}" "oci:$source" "docker://$destination" >&2
host=${destination%%/*} rest=${destination#*/}
repository=${rest%:*} tag=${rest##*:}
PUSH_USER=$user PUSH_PASSWORD=$password python3 - "$host" "$repository" "$tag" <<PY
import os, sys
sys.path.insert(0, "$HERE")
import registrylib as lib
host, repository, tag = sys.argv[1:]
registry = lib.Registry(host, os.environ["PUSH_USER"] or None, os.environ["PUSH_PASSWORD"] or None)
status, media_type, body = registry.get_manifest(repository, tag)
if status != 200:
    sys.exit(f"push-image: {host}/{repository}:{tag} answers HTTP {status} after the push")
print(lib.digest_of(body))
PY
