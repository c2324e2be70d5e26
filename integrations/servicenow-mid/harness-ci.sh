#!/usr/bin/env bash
# The MID harness against a real agent and the emulator: JAR -> midkv agent -> Key Vault
# emulator, over a Unix socket in a temporary folder and verified HTTPS on loopback.
#
# Builds midkv and the resolver JAR, starts `midkv emulator` (the demo tenant) and `midkv agent`
# pointed at it, resolves eight credential types and two expected errors through the JAR as the
# MID loads it, checks that no secret value reached any output, that the agent stops cleanly on
# SIGTERM, and that the JAR then reports agent.unreachable. Ends with "N passed, M failed";
# exits 1 on any failure. Needs a JDK 17 and the Swift toolchain.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$here/build"
passed=0
failed=0

check() {
    if [ "$1" -eq 0 ]; then
        echo "ok    $2"
        passed=$((passed + 1))
    else
        echo "FAIL  $2"
        failed=$((failed + 1))
    fi
}

give_up() {
    echo "$1" >&2
    echo "$passed passed, $((failed + 1)) failed"
    exit 1
}

(cd "$root" && swift build --product midkv >/dev/null) || give_up "building midkv failed"
midkv="$(cd "$root" && swift build --show-bin-path)/midkv"
jar_file="$("$here/build.sh")" || give_up "building the JAR failed"
rm -rf "$build/harness"
javac --release 17 -Xlint:all -Werror -encoding UTF-8 -d "$build/harness" "$here/harness/MidHarness.java" \
    || give_up "compiling the harness failed"

work="$(mktemp -d /tmp/midkv-harness.XXXXXX)"
emulator_pid=""
agent_pid=""
cleanup() {
    for pid in $agent_pid $emulator_pid; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT

export MIDKV_LOOPBACK_ONLY=1
"$midkv" emulator --dir "$work/emulator" > "$work/emulator.out" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 300); do
    grep -q "listening on" "$work/emulator.out" 2>/dev/null && break
    sleep 0.1
done
port="$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/emulator.out" | head -n 1)"
[ -n "$port" ] || give_up "the emulator did not start: $(cat "$work/emulator.out")"

socket="$work/run/agent.sock"
MIDKV_CONNECT_TO="127.0.0.1:$port" MIDKV_CA_FILE="$work/emulator/emulator-ca.pem" \
    "$midkv" agent --socket "$socket" --config "$work/emulator/agent/config.xml" --log-format json \
    > /dev/null 2> "$work/agent.log" &
agent_pid=$!
for _ in $(seq 1 300); do
    [ -S "$socket" ] && break
    sleep 0.1
done
[ -S "$socket" ] || give_up "the agent did not start: $(cat "$work/agent.log")"

echo "MID harness: JAR -> midkv agent ($socket) -> emulator (127.0.0.1:$port)"
(cd "$work" && env -u MIDKV_SOCKET -u MIDKV_TIMEOUT_SECONDS java -cp "$build/harness" MidHarness \
    --jar "$jar_file" --socket "$socket" --ip 10.20.30.40 --mid mid-dc-ams-01 \
    linux-root-pw:ssh --expect-keys user,pswd \
    linux-root-key:ssh_private_key,ssh_public_key --expect-keys user,pkey,passphrase \
    win-domain-admin:windows --expect-keys user,pswd \
    core-switch-snmpv3:snmpv3 --expect-keys user,authprotocol,authkey,privprotocol,privkey \
    vcenter-readonly:vmware --expect-keys user,pswd \
    aws-discovery:aws --expect-keys user,pswd \
    oracle-erp-jdbc:jdbc --expect-keys user,pswd \
    itsm-api-basic:basic_auth --expect-keys user,pswd \
    no-such-secret:ssh_password --expect-error vault.secret-not-found \
    linux-root-pw:snmpv3 --expect-error secret.type-mismatch) > "$work/harness.out" 2>&1
harness_status=$?
cat "$work/harness.out"

# One check per credential: its result line, failed when a MISMATCH line follows it.
results="$(awk '
    / -> / { if (name != "") print name, ok; name = $1 ":" $2; ok = 0 }
    /^  MISMATCH/ { ok = 1 }
    END { if (name != "") print name, ok }
' "$work/harness.out")"
while read -r name status; do
    [ -n "$name" ] && check "$status" "resolve $name through the JAR and the agent"
done <<< "$results"
[ "$(echo "$results" | grep -c .)" -eq 10 ]
check $? "the harness reported all 10 credentials"
check "$harness_status" "the harness exit status is 0"
grep -q "API version 1.0 (accepted" "$work/harness.out"
check $? "the MID loads the JAR and accepts its API version"

curl_ok=0
if command -v curl >/dev/null; then
    health="$(curl -s --unix-socket "$socket" http://localhost/v1/health)"
    metrics="$(curl -s --unix-socket "$socket" http://localhost/metrics)"
    echo "$health" | grep -q '"status":"ok"' || curl_ok=1
    echo "$metrics" | grep -q '^midkv_agent_keyvault_reads_total [1-9]' || curl_ok=1
    check "$curl_ok" "the agent answers health and counts its Key Vault reads in /metrics"
fi

kill -TERM "$agent_pid"
wait "$agent_pid"
agent_status=$?
agent_pid=""
check "$agent_status" "the agent exits 0 on SIGTERM"
[ ! -e "$socket" ]
check $? "the agent removed its socket"

(cd "$work" && java -cp "$build/harness" MidHarness --jar "$jar_file" --socket "$socket" \
    linux-root-pw:ssh --expect-error agent.unreachable) > "$work/stopped.out" 2>&1
check $? "with the agent stopped the JAR reports agent.unreachable"

! grep -q "CANARY" "$work/harness.out" "$work/stopped.out" "$work/agent.log"
check $? "no secret value in the harness output or the agent's log"
grep -q '"message":"credential served"' "$work/agent.log"
check $? "the agent logged the credentials it served"

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
