#!/usr/bin/env bash
# Builds the resolver JAR, runs the resolver tests against stub agents, then runs the MID harness
# against a stub agent in its own process. Ends with "N passed, M failed"; exits 1 on any failure.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$here/build"
javac_flags=(--release 17 -Xlint:all -Werror -encoding UTF-8)

give_up() {
    echo "$1" >&2
    echo "0 passed, 1 failed"
    exit 1
}

jar_file="$("$here/build.sh")" || give_up "building the JAR failed"
rm -rf "$build/harness" "$build/test"
javac "${javac_flags[@]}" -d "$build/harness" "$here/harness/MidHarness.java" || give_up "compiling the harness failed"
javac "${javac_flags[@]}" -cp "$jar_file" -d "$build/test" "$here"/test/*.java || give_up "compiling the tests failed"

work="$(mktemp -d /tmp/midkv-test.XXXXXX)"
stub_pid=""
cleanup() {
    if [ -n "$stub_pid" ]; then
        kill "$stub_pid" 2>/dev/null
        wait "$stub_pid" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# The tests run in an empty folder with no MIDKV_* variables, so only what they set applies.
(cd "$work" && env -u MIDKV_SOCKET -u MIDKV_TIMEOUT_SECONDS java \
    -Dmidkv.test.jar="$jar_file" -Dmidkv.test.harness="$build/harness" \
    -cp "$jar_file:$build/test" ResolverTest) | tee "$work/tests.out"
summary="$(grep -E '^ResolverTest: [0-9]+ passed, [0-9]+ failed$' "$work/tests.out" | tail -n 1)"
passed="$(echo "$summary" | sed -E 's/^ResolverTest: ([0-9]+) passed.*/\1/')"
failed="$(echo "$summary" | sed -E 's/.* ([0-9]+) failed$/\1/')"
if [ -z "$summary" ]; then
    passed=0
    failed=1
fi

echo
echo "MID harness against a stub agent:"
socket="$work/agent.sock"
java -cp "$build/test" StubAgent "$socket" > "$work/stub.out" 2>&1 &
stub_pid=$!
for _ in $(seq 1 300); do
    [ -S "$socket" ] && break
    sleep 0.1
done
(cd "$work" && env -u MIDKV_SOCKET -u MIDKV_TIMEOUT_SECONDS java -cp "$build/harness" MidHarness \
    --jar "$jar_file" --socket "$socket" --mid mid-lab-01 \
    win-admin:windows --expect-keys user,pswd \
    linux-root-ssh:ssh_private_key,ssh_public_key --expect-keys user,pkey,passphrase \
    snmp-core:snmpv3 --expect-keys user,authprotocol,authkey,privprotocol,privkey \
    missing-one:ssh --expect-error vault.secret-not-found) > "$work/harness.out" 2>&1
harness_status=$?
cat "$work/harness.out"
if [ "$harness_status" -eq 0 ] && ! grep -q CANARY "$work/harness.out"; then
    echo "ok    harness run against the stub agent"
    passed=$((passed + 1))
else
    echo "FAIL  harness run against the stub agent (exit $harness_status or a secret in its output)"
    failed=$((failed + 1))
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
