#!/usr/bin/env bash
# Stops what scripts/registry/start-registries.sh STATE_DIR started: each process listed in STATE_DIR/pids, by its id
# (TERM, then KILL after 5 s). Leaves the storage and logs in STATE_DIR.
#
#   scripts/registry/stop-registries.sh STATE_DIR
set -uo pipefail
STATE=${1:?usage: $0 STATE_DIR}
[[ -f $STATE/pids ]] || exit 0
pids=()
while read -r name pid; do
    [[ $pid =~ ^[0-9]+$ ]] || continue
    kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
done <"$STATE/pids"
for _ in $(seq 50); do
    alive=()
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
    ((${#alive[@]})) || break
    sleep 0.1
done
for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
rm -f "$STATE/pids"
exit 0
