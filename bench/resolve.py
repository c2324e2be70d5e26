"""Measures cold `midkv resolve` runs against `midkv emulator` on loopback.

Usage: python3 bench/resolve.py MIDKV_BINARY RUNS
"""

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_emulator(binary, folder, port):
    emulator = subprocess.Popen(
        [binary, "emulator", "--dir", folder, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "MIDKV_LOOPBACK_ONLY": "1"},
    )
    first = emulator.stdout.readline()
    if "listening" not in first:
        emulator.kill()
        sys.exit(f"the emulator did not start: {first!r}")
    return emulator


def run_once(binary, config, environment):
    start = time.perf_counter()
    child = subprocess.Popen(
        [binary, "resolve", "linux-root-key", "--type", "ssh_private_key", "--config", config],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment,
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"resolve failed: {child.stderr.read().decode()}")
    return elapsed * 1000, usage.ru_maxrss / 1024


def main():
    binary, runs = sys.argv[1], int(sys.argv[2])
    with tempfile.TemporaryDirectory(prefix="midkv-bench-") as folder:
        port = free_port()
        emulator = start_emulator(binary, folder, port)
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "MIDKV_CONNECT_TO": f"127.0.0.1:{port}",
            "MIDKV_CA_FILE": os.path.join(folder, "emulator-ca.pem"),
            "MIDKV_LOOPBACK_ONLY": "1",
        }
        config = os.path.join(folder, "agent", "config.xml")
        try:
            run_once(binary, config, environment)
            samples = [run_once(binary, config, environment) for _ in range(runs)]
        finally:
            emulator.terminate()
            emulator.wait()

    times = sorted(sample[0] for sample in samples)
    memory = sorted(sample[1] for sample in samples)
    print(f"cold midkv resolve (new process, token + secret over HTTPS), {runs} runs")
    print(f"  wall time  median {statistics.median(times):6.1f} ms   "
          f"min {times[0]:6.1f} ms   p90 {times[int(0.9 * (runs - 1))]:6.1f} ms   max {times[-1]:6.1f} ms")
    print(f"  peak RSS   median {statistics.median(memory):6.1f} MiB  max {memory[-1]:6.1f} MiB")


if __name__ == "__main__":
    main()
