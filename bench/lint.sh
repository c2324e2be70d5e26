#!/usr/bin/env bash
# Throughput of `midkv secret lint` over many typical credential values (release build).
# Generates VALUES values (default 10,000; one in five an SSH private key), checks them all in
# one process with --lines, and prints the median of RUNS runs (default 5), the time of a run
# over one value (process start-up), and the values per second once start-up is taken away.
#
#   bench/lint.sh
#   VALUES=50000 RUNS=9 bench/lint.sh
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --static-swift-stdlib --product midkv >/dev/null
binary="$(swift build -c release --static-swift-stdlib --show-bin-path)/midkv"
folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT

python3 bench/lint_values.py "${VALUES:-10000}" "$folder/values.jsonl"
head -n 1 "$folder/values.jsonl" > "$folder/one.jsonl"
exec python3 - "$binary" "$folder" "${RUNS:-5}" <<'PY'
import os, statistics, subprocess, sys, time

binary, folder, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])

def timed(path):
    start = time.perf_counter()
    child = subprocess.run([binary, "secret", "lint", "--lines", path, "--format", "json"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if child.returncode not in (0, 1):
        sys.exit(f"lint failed: {child.stderr.decode()}")
    return elapsed * 1000

values = sum(1 for _ in open(os.path.join(folder, "values.jsonl")))
size = os.path.getsize(os.path.join(folder, "values.jsonl"))
all_runs = [timed(os.path.join(folder, "values.jsonl")) for _ in range(runs)]
one_runs = [timed(os.path.join(folder, "one.jsonl")) for _ in range(runs)]
median, startup = statistics.median(all_runs), statistics.median(one_runs)
net = max(median - startup, 0.001)
print(f"values:         {values} ({size / 1024:.0f} KiB, {runs} runs each)")
print(f"all values:     median {median:.1f} ms (min {min(all_runs):.1f}, max {max(all_runs):.1f})")
print(f"one value:      median {startup:.1f} ms (process start-up and output)")
print(f"linting alone:  {net:.1f} ms, {values / net * 1000:,.0f} values/s, {net * 1000 / values:.1f} us per value")
PY
