#!/usr/bin/env bash
# Benchmark: `midkv logs scan` against `grep -c -E` on one large synthetic MID agent log.
#
# Usage (from anywhere):
#   bench/logscan.sh                     # about 1 GB (1000 MB)
#   LOGSCAN_MB=100 bench/logscan.sh      # a quicker 100 MB run
#
# Environment:
#   LOGSCAN_MB    size of the generated log in MB (default 1000)
#   LOGSCAN_SEED  generator seed (default 42); the same seed gives the same file
#   LOGSCAN_RUNS  runs per tool; the fastest is reported (default 3)
#
# Builds midkv in release mode, writes the log with bench/generate-mid-log.awk into a temporary
# folder (deleted on exit), reads it once to warm the page cache, then prints for each tool the
# wall time, the throughput, the CPU time (user + system, steadier than wall time on a busy
# machine) and (for midkv) the peak resident memory. Timing and memory come from python3
# (time.perf_counter and resource.getrusage(RUSAGE_CHILDREN)); nothing else here needs Python. grep runs with LC_ALL=C, matching bytes as midkv does, once case-sensitive (-E)
# and once ignoring case (-i -E, as midkv's matcher does).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mb="${LOGSCAN_MB:-1000}"
seed="${LOGSCAN_SEED:-42}"
runs="${LOGSCAN_RUNS:-3}"

# The texts midkv's signatures trigger on (LogSignature.catalogue), as one extended regex.
pattern="$(tr -d '\n' <<'PATTERN'
tenantId=null|clientId=null|tenant_id=null|client_id=null
|ClassNotFoundException: com\.snc\.discovery\.CredentialResolver|NoClassDefFoundError: com/snc/discovery/CredentialResolver
|has the Jar file been added to the MID Server|external credentials API is not installed correctly
|unsupported API version reported|AADSTS|AKV10032|AKV10022
|ForbiddenByRbac|ForbiddenByFirewall|Client address is not authorized|AccessDenied
|SecretDisabled|not allowed on a disabled secret|SecretNotFound|was not found in this key vault
|VaultRequestTypeLimitReached|Throttled|Too Many Requests|HTTP/1\.1 429|status code:? 429|status=429|statusCode=429
|PKIX path building failed|unable to find valid certification path|SSLHandshakeException|UnknownHostException
|Connection reset|ECONNRESET|SocketException|SocketTimeoutException|connect timed out|Read timed out
|invalid user ?name|empty user ?name|user ?name is (empty|null)|user ?name cannot be empty
|Problem with client's CredentialResolver|CredentialResolver\.resolve returned null
PATTERN
)"

# Runs a command (stdout to the file $1) and prints "<wall s> <CPU s> <peak RSS KiB> <exit status>".
measure() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys, time
with open(sys.argv[1], "wb") as output:
    start = time.perf_counter()
    status = subprocess.run(sys.argv[2:], stdout=output).returncode
    wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.3f} {usage.ru_utime + usage.ru_stime:.3f} {usage.ru_maxrss} {status}")
PY
}

# Runs a command $runs times; prints the fastest wall time, the CPU time of that run, the
# largest peak RSS and the exit status.
best_of() {
    local output="$1"
    shift
    local best="" best_cpu="" rss=0 status=0 wall cpu peak
    for _ in $(seq "$runs"); do
        read -r wall cpu peak status < <(measure "$output" "$@")
        if [[ -z "$best" ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best="$wall"
            best_cpu="$cpu"
        fi
        ((peak > rss)) && rss="$peak"
    done
    echo "$best $best_cpu $rss $status"
}

echo "Building midkv (release)..." >&2
(cd "$root" && swift build -c release --static-swift-stdlib --product midkv >&2)
midkv="$(cd "$root" && swift build -c release --static-swift-stdlib --show-bin-path)/midkv"

work="$(mktemp -d "${TMPDIR:-/tmp}/midkv-logscan-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log="$work/agent0.log.0"

echo "Generating about ${size_mb} MB (seed ${seed})..." >&2
generated_at=$(date +%s)
awk -v mb="$size_mb" -v seed="$seed" -f "$root/bench/generate-mid-log.awk" >"$log"
generation=$(($(date +%s) - generated_at))
bytes=$(wc -c <"$log")
lines=$(wc -l <"$log")
cat "$log" >/dev/null

echo "Measuring ($runs runs each)..." >&2
read -r scan_wall scan_cpu scan_rss scan_status < <(best_of "$work/scan.txt" "$midkv" logs scan "$log")
read -r grep_wall grep_cpu _ _ < <(best_of "$work/grep.txt" env LC_ALL=C grep -c -E "$pattern" "$log")
read -r igrep_wall igrep_cpu _ _ < <(best_of "$work/igrep.txt" env LC_ALL=C grep -c -i -E "$pattern" "$log")

awk -v bytes="$bytes" -v lines="$lines" -v generation="$generation" \
    -v scan="$scan_wall" -v scan_cpu="$scan_cpu" -v rss="$scan_rss" -v status="$scan_status" \
    -v grep="$grep_wall" -v grep_cpu="$grep_cpu" -v igrep="$igrep_wall" -v igrep_cpu="$igrep_cpu" \
    -v grep_count="$(cat "$work/grep.txt")" -v igrep_count="$(cat "$work/igrep.txt")" \
    -v summary="$(tail -n 1 "$work/scan.txt")" 'BEGIN {
    mb = bytes / 1e6
    printf "log file:        %.1f MB, %d lines (generated in %d s)\n", mb, lines, generation
    printf "midkv logs scan: %.3f s  %5.0f MB/s  CPU %.3f s  peak RSS %.1f MB  exit %d  (%s)\n", \
        scan, mb / scan, scan_cpu, rss / 1024, status, summary
    printf "grep -c -E:      %.3f s  %5.0f MB/s  CPU %.3f s  %d matching lines\n", grep, mb / grep, grep_cpu, grep_count
    printf "grep -c -i -E:   %.3f s  %5.0f MB/s  CPU %.3f s  %d matching lines\n", \
        igrep, mb / igrep, igrep_cpu, igrep_count
}'
