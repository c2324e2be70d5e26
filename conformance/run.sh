#!/usr/bin/env bash
# Conformance suite: the Azure SDK for Python (azure-identity, azure-keyvault-secrets, pinned in
# requirements.txt) and the recorded Azure traffic under ../shared/fixtures/azure/recordings,
# both against `midkv emulator` on loopback.
#
#   conformance/run.sh                 # everything
#   conformance/run.sh -k replay       # extra arguments go to pytest
#
# Needs python3 with the venv module (Debian: python3-venv) and PyPI for the first install.
# Exits non-zero on any failure, on "no tests ran", and when anything tried to leave loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

shared="${MIDKV_SHARED_DIR:-$repo/../shared}"

if [ ! -d "$shared/fixtures/azure/recordings" ]; then
    echo "conformance: no recordings at $shared/fixtures/azure/recordings (set MIDKV_SHARED_DIR)" >&2
    exit 1
fi

# 1. The virtual environment with the pinned packages.
python_bin="$(conformance/venv.sh)"

# 2. midkv itself.
swift build --product midkv
midkv="$(swift build --show-bin-path)/midkv"

# 3. The emulator, on a free loopback port, with the suite's seed.
work="$(mktemp -d "${TMPDIR:-/tmp}/midkv-conformance.XXXXXX")"
emulator_pid=""
cleanup() {
    if [ -n "$emulator_pid" ]; then
        kill "$emulator_pid" 2>/dev/null || true
        wait "$emulator_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

"$midkv" emulator --seed "$repo/conformance/seed.json" --port 0 --ca-file "$work/ca.pem" --dir "$work" \
    >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!

port=""
for _ in $(seq 1 300); do
    port="$(sed -n 's/^midkv emulator listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/emulator.out")"
    [ -n "$port" ] && break
    if ! kill -0 "$emulator_pid" 2>/dev/null; then
        echo "conformance: the emulator exited before listening:" >&2
        cat "$work/emulator.err" >&2
        exit 1
    fi
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "conformance: the emulator did not report a port within 30 s" >&2
    exit 1
fi

# 4. The tests, in a clean environment: only the emulator's CA is trusted, no proxies, no Azure
#    or managed-identity variables from this machine.
status=0
env -i \
    PATH="$PATH" HOME="${HOME:-/root}" LANG=C.UTF-8 TMPDIR="${TMPDIR:-/tmp}" \
    PYTHONDONTWRITEBYTECODE=1 PYTHONHASHSEED=0 \
    REQUESTS_CA_BUNDLE="$work/ca.pem" SSL_CERT_FILE="$work/ca.pem" CURL_CA_BUNDLE="$work/ca.pem" \
    NO_PROXY="*" no_proxy="*" \
    MIDKV_CONFORMANCE_PORT="$port" MIDKV_CONFORMANCE_CA="$work/ca.pem" \
    MIDKV_CONFORMANCE_SEED="$repo/conformance/seed.json" \
    MIDKV_SHARED_DIR="$shared" \
    "$python_bin" -m pytest "$repo/conformance" -p no:cacheprovider -q -rfE "$@" || status=$?

if [ "$status" -eq 5 ]; then
    echo "conformance: pytest collected no tests; that is a failure" >&2
    exit 1
fi
if [ "$status" -ne 0 ]; then
    echo "conformance: FAILED (pytest exit status $status); emulator log: see above" >&2
    tail -n 20 "$work/emulator.err" >&2 || true
fi
exit "$status"
