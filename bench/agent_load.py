"""Load client for `midkv agent`: latency, throughput and memory, over its Unix socket.

Usage: python3 bench/agent_load.py MIDKV_BINARY COUNT

Seeds the emulator with COUNT secrets, starts the agent on a socket in a temporary folder,
then measures, one connection per request as the MID resolver JAR does:
  1. uncached resolutions, one at a time (each reads Key Vault over HTTPS);
  2. the rest of the COUNT credentials from 8 client threads, to fill the cache;
  3. cached resolutions, one at a time, then from 8 threads;
and reads the agent's resident memory before and after the cache holds COUNT credentials.
"""

import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

TENANT = "11111111-2222-3333-4444-555555555555"
CLIENT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
APP_OBJECT = "0a0a0a0a-1b1b-2c2c-3d3d-4e4e4e4e4e4e"
VAULT = "kv-bench"
CLIENT_SECRET = "bench-client-secret-value"


def secret_name(index):
    return f"bench-{index:05d}"


def write_world(folder, count):
    secrets = [
        {
            "name": secret_name(index),
            "versions": [{"value": json.dumps(
                {"type": "ssh_password", "user": f"svc-{index}", "password": f"bench-pw-{index:05d}-0123456789"}
            )}],
        }
        for index in range(count)
    ]
    seed = {
        "tenants": [{"id": TENANT}],
        "applications": [{"tenant": TENANT, "clientId": CLIENT, "objectId": APP_OBJECT,
                          "secrets": [{"value": CLIENT_SECRET}]}],
        "vaults": [{"name": VAULT, "tenant": TENANT,
                    "grants": [{"principal": APP_OBJECT, "permissions": ["get"]}], "secrets": secrets}],
    }
    with open(os.path.join(folder, "seed.json"), "w") as file:
        json.dump(seed, file)
    with open(os.path.join(folder, "config.xml"), "w") as file:
        file.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<parameters>
    <parameter name="ext.cred.azure.tenant_id" value="{TENANT}"/>
    <parameter name="ext.cred.azure.client_id" value="{CLIENT}"/>
    <parameter name="ext.cred.azure.secret_key" secure="true" value="{CLIENT_SECRET}"/>
    <parameter name="ext.cred.azure.vault_name" value="{VAULT}"/>
</parameters>
""")


def start_emulator(binary, folder, environment):
    emulator = subprocess.Popen(
        [binary, "emulator", "--seed", os.path.join(folder, "seed.json"), "--dir", folder],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=environment,
    )
    first = emulator.stdout.readline()
    if "listening on 127.0.0.1:" not in first:
        emulator.kill()
        sys.exit(f"the emulator did not start: {first!r}")
    return emulator, int(first.split("127.0.0.1:")[1].split()[0])


def start_agent(binary, folder, port, environment):
    socket_path = os.path.join(folder, "run", "agent.sock")
    agent = subprocess.Popen(
        [binary, "agent", "--socket", socket_path, "--config", os.path.join(folder, "config.xml"),
         "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**environment, "MIDKV_CONNECT_TO": f"127.0.0.1:{port}",
             "MIDKV_CA_FILE": os.path.join(folder, "emulator-ca.pem")},
    )
    for _ in range(300):
        if os.path.exists(socket_path):
            return agent, socket_path
        time.sleep(0.05)
    agent.kill()
    sys.exit("the agent did not create its socket")


def exchange(socket_path, request):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(socket_path)
        connection.sendall(request)
        chunks = []
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def resolve(socket_path, index):
    body = json.dumps({"id": secret_name(index), "type": "ssh_password", "ip": "10.0.0.1", "mid": "mid-bench"})
    request = (f"POST /v1/resolve HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}").encode()
    start = time.perf_counter()
    reply = exchange(socket_path, request)
    elapsed = time.perf_counter() - start
    if not reply.startswith(b"HTTP/1.1 200 "):
        status_line = reply.split(b"\r\n", 1)[0]
        sys.exit(f"resolution of {secret_name(index)} failed: {status_line!r}")
    return elapsed * 1000


def run_threads(socket_path, indices, threads):
    latencies = []
    lock = threading.Lock()
    queue = list(indices)

    def work():
        while True:
            with lock:
                if not queue:
                    return
                index = queue.pop()
            elapsed = resolve(socket_path, index)
            with lock:
                latencies.append(elapsed)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return latencies, time.perf_counter() - start


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def metric(socket_path, name):
    text = exchange(socket_path, b"GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").decode()
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    return None


def describe(label, samples):
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    print(f"  {label:<40} n={len(ordered):>6}  p50 {statistics.median(ordered):7.3f} ms  "
          f"p99 {p99:7.3f} ms  max {ordered[-1]:7.3f} ms")


def main():
    binary, count = sys.argv[1], int(sys.argv[2])
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "MIDKV_LOOPBACK_ONLY": "1"}
    with tempfile.TemporaryDirectory(prefix="midkv-bench-") as folder:
        write_world(folder, count)
        emulator, port = start_emulator(binary, folder, environment)
        agent, socket_path = start_agent(binary, folder, port, environment)
        try:
            measure(agent, socket_path, count)
        finally:
            agent.terminate()
            agent.wait()
            emulator.terminate()
            emulator.wait()


def measure(agent, socket_path, count):
    sequential = min(1000, count // 2)
    exchange(socket_path, b"GET /v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    idle = rss_mib(agent.pid)
    first = resolve(socket_path, 0)

    uncached = [resolve(socket_path, index) for index in range(1, sequential + 1)]
    fill, fill_seconds = run_threads(socket_path, range(sequential + 1, count), 8)
    filled = rss_mib(agent.pid)

    picks = [random.randrange(count) for _ in range(20000)]
    cached = [resolve(socket_path, index) for index in picks[:10000]]
    cached_parallel, cached_seconds = run_threads(socket_path, picks[10000:], 8)
    after = rss_mib(agent.pid)

    print(f"midkv agent, {count} credentials, one connection per request (Python client on the same 2 cores)")
    print(f"  first resolution (token + secret)        {first:7.3f} ms")
    describe("uncached, one at a time", uncached)
    describe("uncached, 8 client threads", fill)
    print(f"  {'':<40} {len(fill) / fill_seconds:8.0f} resolutions/s")
    describe("cached, one at a time", cached)
    describe("cached, 8 client threads", cached_parallel)
    print(f"  {'':<40} {len(cached_parallel) / cached_seconds:8.0f} resolutions/s")
    print(f"  agent RSS: {idle:.1f} MiB at start, {filled:.1f} MiB with {count} cached, {after:.1f} MiB after load")
    print(f"  agent metrics: {metric(socket_path, 'midkv_agent_cache_entries'):.0f} cached, "
          f"{metric(socket_path, 'midkv_agent_keyvault_reads_total'):.0f} Key Vault reads, "
          f"{metric(socket_path, 'midkv_agent_cache_hits_total'):.0f} hits")


if __name__ == "__main__":
    main()
