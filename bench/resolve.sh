#!/usr/bin/env bash
# Cold `midkv resolve` against a running emulator: a new process per run, so every run loads
# the binary, reads config.xml, gets a token and reads the secret over HTTPS.
# Prints the median, spread and peak memory over RUNS runs (default 21).
#
#   bench/resolve.sh            # release build, 21 runs
#   RUNS=51 bench/resolve.sh
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --static-swift-stdlib --product midkv >/dev/null
binary="$(swift build -c release --static-swift-stdlib --show-bin-path)/midkv"
exec python3 bench/resolve.py "$binary" "${RUNS:-21}"
