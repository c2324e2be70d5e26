#!/usr/bin/env bash
# Side-by-side benchmark: one secret from one `midkv emulator`, read by a cold `midkv resolve`
# (the release build as `make release` makes it) and by a cold Python process using the Azure SDK (ClientSecretCredential +
# SecretClient.get_secret, the versions pinned in conformance/requirements.txt). Prints the
# median of RUNS runs each (default 11) and the ratio; the goal is midkv at 1/20 of the SDK.
#
#   bench/sdk-vs-midkv.sh
#   RUNS=21 bench/sdk-vs-midkv.sh
set -euo pipefail
cd "$(dirname "$0")/.."

sdk_python="$(conformance/venv.sh)"
swift build -c release --static-swift-stdlib --product midkv >/dev/null
binary="$(swift build -c release --static-swift-stdlib --show-bin-path)/midkv"
exec python3 bench/sdk_vs_midkv.py "$binary" "$sdk_python" "${RUNS:-11}"
