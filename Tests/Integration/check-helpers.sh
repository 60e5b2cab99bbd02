# The integration suite's check helpers, shared by run.sh and registry.sh (which also runs alone).
# Counters: passed, failed, failures; logs under $RESULTS/logs.

say() { printf '%s\n' "$*"; }

# check NAME COMMAND...: runs one check, its output kept in $RESULTS/logs/NAME.log.
check() {
    local name=$1; shift
    local log="$RESULTS/logs/$name.log"
    mkdir -p "$(dirname "$log")"
    if "$@" >"$log" 2>&1; then
        passed=$((passed + 1))
        say "PASS $name  $(tail -n 1 "$log" | cut -c1-150)"
    else
        failed=$((failed + 1))
        failures+=("$name")
        say "FAIL $name"
        sed 's/^/    /' "$log" | tail -n 40
    fi
}
