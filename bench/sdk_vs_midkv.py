"""Side by side: the same secret from the same emulator, read by a cold `midkv resolve` and by a
cold Python process using the Azure SDK (ClientSecretCredential + SecretClient.get_secret).

Usage: python sdk_vs_midkv.py MIDKV_BINARY SDK_PYTHON RUNS
Each run is a new process, timed from spawn to exit. The two kinds alternate, after one
untimed warm-up each, and the medians and their ratio are printed.
"""

import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
SECRET = "linux-root-key"


def start_emulator(binary, folder):
    emulator = subprocess.Popen(
        [binary, "emulator", "--dir", folder, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    first = emulator.stdout.readline()
    if "listening on 127.0.0.1:" not in first:
        emulator.kill()
        sys.exit(f"the emulator did not start: {first!r}")
    return emulator, int(first.split("127.0.0.1:")[1].split()[0])


def timed(command, environment):
    """(wall ms, CPU ms) of one run of `command`, from spawn to exit."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    errors = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{command[0]} failed: {errors[-2000:]}")
    return elapsed, (usage.ru_utime + usage.ru_stime) * 1000


def main():
    binary, sdk_python, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with tempfile.TemporaryDirectory(prefix="midkv-sdk-bench-") as folder:
        emulator, port = start_emulator(binary, folder)
        ca_file = os.path.join(folder, "emulator-ca.pem")
        base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
                "LANG": "C.UTF-8", "NO_PROXY": "*", "no_proxy": "*"}
        midkv_env = dict(base, MIDKV_CONNECT_TO=f"127.0.0.1:{port}", MIDKV_CA_FILE=ca_file, MIDKV_LOOPBACK_ONLY="1")
        sdk_env = dict(base, REQUESTS_CA_BUNDLE=ca_file, SSL_CERT_FILE=ca_file, PYTHONDONTWRITEBYTECODE="1")
        midkv = [binary, "resolve", SECRET, "--type", "ssh_private_key",
                 "--config", os.path.join(folder, "agent", "config.xml")]
        sdk = [sdk_python, str(HERE / "sdk_get_secret.py"), os.path.join(folder, "seed.json"), SECRET, str(port)]
        try:
            timed(midkv, midkv_env)
            timed(sdk, sdk_env)
            samples = {"midkv": [], "sdk": []}
            for _ in range(runs):
                samples["midkv"].append(timed(midkv, midkv_env))
                samples["sdk"].append(timed(sdk, sdk_env))
        finally:
            emulator.terminate()
            emulator.wait()

    wall = {key: [sample[0] for sample in values] for key, values in samples.items()}
    cpu = {key: [sample[1] for sample in values] for key, values in samples.items()}
    print(f"the same secret ({SECRET}) from one emulator, cold process each time, {runs} runs each")
    for label, key in (("midkv resolve (release)", "midkv"), ("Python SDK get_secret", "sdk")):
        times = sorted(wall[key])
        print(f"  {label:24} wall median {statistics.median(times):7.1f} ms  (min {times[0]:6.1f}, "
              f"max {times[-1]:6.1f})   CPU median {statistics.median(cpu[key]):6.1f} ms")
    ratio = statistics.median(wall["midkv"]) / statistics.median(wall["sdk"])
    cpu_ratio = statistics.median(cpu["midkv"]) / statistics.median(cpu["sdk"])
    print(f"  wall-time ratio midkv / SDK: {ratio:.3f} (1/{1 / ratio:.1f}); goal at most 1/20 (0.050): "
          f"{'met' if ratio <= 0.05 else 'NOT met'}")
    print(f"  CPU-time ratio midkv / SDK:  {cpu_ratio:.3f} (1/{1 / cpu_ratio:.1f})")


if __name__ == "__main__":
    main()
