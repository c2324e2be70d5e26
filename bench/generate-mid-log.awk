# Writes a synthetic MID Server agent log of about `mb` megabytes to standard output.
#
#   awk -v mb=100 -v seed=42 -f bench/generate-mid-log.awk > agent0.log.0
#
# Normal traffic (ECC queue, probes, workers, harmless stack traces) in the classic layout, with
# the last fifth in the ISO layout, and a known failure record about every `every` lines
# (default 20000). A Park-Miller generator makes the output identical for a seed on any awk.

function rnd(n) {
    state = (state * 16807) % 2147483647
    return state % n
}

function hex32() {
    return sprintf("%08x%08x%08x%08x", rnd(2147483647), rnd(2147483647), rnd(2147483647), rnd(2147483647))
}

# A sys_id from a pool, as jobs and threads repeat in a real log.
function sysid() {
    return pool[rnd(npool)]
}

function pad(value, width) {
    return sprintf("%0" width "d", value)
}

function tick(    step) {
    step = 1 + rnd(400)
    ms += step
    while (ms >= 1000) { ms -= 1000; sec++ }
    while (sec >= 60) { sec -= 60; min++ }
    while (min >= 60) { min -= 60; hour++ }
    while (hour >= 24) { hour -= 24; day++ }
    if (day > 28) { day = 1; month = month % 12 + 1 }
}

function stamp() {
    if (iso) return "2026-" pad(month, 2) "-" pad(day, 2) "T" pad(hour, 2) ":" pad(min, 2) ":" pad(sec, 2) "." pad(ms, 3) "+0100"
    return pad(month, 2) "/" pad(day, 2) "/26 " pad(hour, 2) ":" pad(min, 2) ":" pad(sec, 2) " (" pad(ms, 3) ")"
}

function emit(thread, level, message,    marker, line) {
    tick()
    if (iso) {
        line = stamp() " " level " (" thread ") [" classes[rnd(nclasses)] ":" (10 + rnd(900)) "] " message
    } else {
        marker = level == "ERROR" ? "SEVERE *** ERROR *** " : level == "WARN" ? "WARNING *** WARNING *** " : level == "DEBUG" ? "DEBUG: " : ""
        line = stamp() " " thread " " marker message
    }
    raw(line)
}

function raw(line) {
    print line
    bytes += length(line) + 1
    lines++
}

function worker(    kinds) {
    kinds = rnd(4)
    if (kinds == 0) return "Worker-Standard:" probes[rnd(nprobes)] "-" sysid()
    if (kinds == 1) return "Worker-Expedited:MIDWorker-" sysid()
    if (kinds == 2) return "Worker-Interactive:CommandPipeline-" sysid()
    return "Worker-Expedited:MultiProbe -" sysid()
}

function ip() {
    return "10." rnd(256) "." rnd(256) "." (1 + rnd(254))
}

function traffic(    kind, thread, name) {
    kind = rnd(100)
    name = "ecc_queue." sysid() ".xml"
    if (kind < 22) emit("ECCQueueMonitor." (1 + rnd(60)), "INFO", "Enqueuing: /opt/agent/work/monitors/ECCSender/output_1/" name)
    else if (kind < 40) emit("ECCSender.1", "INFO", "Sending " name)
    else if (kind < 58) emit(worker(), "INFO", "Worker starting: " probes[rnd(nprobes)] " source: " ip())
    else if (kind < 74) emit(worker(), "INFO", "Worker completed: " probes[rnd(nprobes)] " source: " ip() " time: 0:00:0" rnd(10) "." pad(rnd(1000), 3))
    else if (kind < 82) emit(worker(), "DEBUG", "SSH: Connecting to " ip() ":22 as svc-disc, session " substr(sysid(), 1, 16))
    else if (kind < 88) emit("AMBClientProvider", "DEBUG", "AMB handshake ok, channel /mid/server/" sysid() ", clientId " substr(sysid(), 9, 8))
    else if (kind < 93) emit("FileCleanerMonitor." (1 + rnd(9)), "DEBUG", "Scanning directory /opt/agent/work/temp for files older than 86400 seconds")
    else if (kind < 97) emit(worker(), "WARN", "Probe " probes[rnd(nprobes)] " returned no data for " ip() ", trying next credential")
    else {
        thread = worker()
        emit(thread, "ERROR", "Exception while running probe against " ip())
        raw("java.io.IOException: Broken pipe")
        raw("\tat com.service_now.mid.probe.tpcon.ShellConnection.send(ShellConnection.java:" (100 + rnd(400)) ")")
        raw("\tat com.service_now.mid.probe.AProbe.run(AProbe.java:" (50 + rnd(200)) ")")
        raw("\tat java.base/java.lang.Thread.run(Thread.java:829)")
    }
}

function failure(    kind, thread) {
    kind = rnd(7)
    thread = worker()
    if (kind == 0) emit(thread, "ERROR", "AzureAccessTokenManager - getTokenWithSecretKey: cannot get token, tenantId=null, clientId=null")
    else if (kind == 1) {
        emit(thread, "DEBUG", "GET https://kv-contoso-disc.vault.azure.net/secrets/linux-root-ssh?api-version=7.4")
        emit(thread, "ERROR", "Problem with client's CredentialResolver: request failed")
        raw("java.net.SocketException: Connection reset")
        raw("\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:323)")
    }
    else if (kind == 2) emit(thread, "ERROR", "Token request failed: {\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}")
    else if (kind == 3) {
        emit(thread, "ERROR", "Problem with client's CredentialResolver:")
        raw("javax.net.ssl.SSLHandshakeException: PKIX path building failed: unable to find valid certification path to requested target")
    }
    else if (kind == 4) {
        emit(thread, "ERROR", "Problem with client's CredentialResolver:")
        raw("java.lang.ClassNotFoundException: com.snc.discovery.CredentialResolver")
    }
    else if (kind == 5) emit(thread, "WARN", "AzureKeyVault GET kv-contoso-disc.vault.azure.net answered 429 Throttled: VaultRequestTypeLimitReached")
    else emit(thread, "ERROR", "AzureKeyVault: SecretNotFound: A secret with (name/id) linux-root-sssh was not found in this key vault")
}

BEGIN {
    if (mb == "") mb = 100
    if (seed == "") seed = 42
    if (every == "") every = 20000
    state = seed % 2147483646 + 1
    split("RESTProbe SSHCommand Powershell WMIRunner SNMPProbe JDBCProbe HorizontalDiscoveryProbe TCPProbe", probes, " ")
    nprobes = 8
    for (i = 0; i < nprobes; i++) probes[i] = probes[i + 1]
    split("ECCSender Worker AProbe SSHProbe AzureKeyVault RdpClient AFileCleaner Monitors", names, " ")
    nclasses = 8
    for (i = 0; i < nclasses; i++) classes[i] = names[i + 1]
    month = 3; day = 1; hour = 0; min = 0; sec = 0; ms = 0
    target = mb * 1000000
    npool = 256
    for (i = 0; i < npool; i++) pool[i] = hex32()
    lines = 0
    bytes = 0
    next_failure = every
    emit("MIDServer", "INFO", "MID Server started")
    while (bytes < target) {
        traffic()
        if (lines >= next_failure) {
            failure()
            next_failure += every
        }
        if (!iso && bytes >= target * 0.8) iso = 1
    }
}
