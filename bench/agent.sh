#!/usr/bin/env bash
# The agent under load: p50/p99 latency of uncached and cached resolutions over its Unix
# socket, throughput, and its memory with 10,000 credentials cached. Runs a release build of
# `midkv agent` against `midkv emulator` seeded with COUNT secrets (default 10000).
#
#   bench/agent.sh
#   COUNT=2000 bench/agent.sh
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --static-swift-stdlib --product midkv >/dev/null
binary="$(swift build -c release --static-swift-stdlib --show-bin-path)/midkv"
exec python3 bench/agent_load.py "$binary" "${COUNT:-10000}"
