"""Replays recorded Azure traffic against `midkv emulator` and compares the answers.

The recordings are real exchanges with Key Vault, Entra ID, IMDS and App Service, captured by
the Azure SDK test suites (see ../shared/fixtures/azure/SOURCES.md). They are read from the
shared folder at run time and never copied here. Three formats are read: the test-proxy JSON
("Entries"), the older C++ recorder JSON ("networkCallRecords") and vcr YAML ("interactions").

Each request is sent, in the recorded order, to the emulator through the loopback redirection
(loopback.py) with its real host name. For every answer these must match the recording:

* the status code;
* `Content-Type` and `WWW-Authenticate` (and the echo of `x-ms-client-request-id` where the
  recording shows one);
* the body: the same keys at every level, the same JSON types, and the same values once both
  sides went through the normalisation table below (error codes, messages, secret values,
  flags, URLs all compare as values).

Everything the emulator may rightly answer differently is listed in two tables:
REQUEST_RULES (how a recorded request is turned into one the emulator can answer: sanitised
names, scrubbed bodies and credentials) and NORMALISATIONS (what is blanked on both sides
before comparing, and why). Answers that differ for a reason the emulator cannot share are in
KNOWN_DIFFERENCES; they are accepted, counted and printed, and docs/emulator.md lists them.

Run alone: `python replay.py` with the variables run.sh sets; prints one line per exchange.
"""

import json
import os
import pathlib
import re
import sys
import urllib.parse
from dataclasses import dataclass, field

import requests
import yaml

HERE = pathlib.Path(__file__).resolve().parent


def recordings_directory():
    shared = os.environ.get("MIDKV_SHARED_DIR") or str(HERE.parent.parent / "shared")
    return pathlib.Path(shared) / "fixtures" / "azure" / "recordings"


# --- The replay world: which seeded names stand for the recordings' sanitised ones ------------

REPLAY_VAULTS = {
    "fakekvurl.vault.azure.net": "kv-conf-replay-go.vault.azure.net",
    "redacted.vault.azure.net": "kv-conf-replay-cpp.vault.azure.net",
}
RECORDED_TENANTS = ["fake-tenant", "72f988bf-86f1-41af-91ab-2d7cd011db47"]
RECORDED_CLIENT_IDS = ["client-id", "fe83865b-495e-4ec7-9574-12b264882c9f", "6d807b1c-2a6f-41a0-b428-d0e3a08382a0"]
APP_SERVICE_HOST = "msi-endpoint"
APP_SERVICE_PATH = "/msi/token"

# How a recorded request becomes the request sent to the emulator. Each rule: what, why.
REQUEST_RULES = [
    ("vault host names", "the recordings' sanitised vault hosts (fakekvurl, REDACTED) become the seeded replay "
     "vaults kv-conf-replay-go and kv-conf-replay-cpp; the name stays a real *.vault.azure.net name"),
    ("tenant", "the sanitised tenant 'fake-tenant' in token and discovery URLs becomes the seeded replay tenant"),
    ("managed identity client ID", "the sanitised user-assigned client ID 'client-id' becomes the seeded one"),
    ("Authorization on vault requests", "recorded as 'Sanitized' (Go) or not kept at all (C++): every vault request "
     "the service did not answer with the 401 challenge carries a fresh token the emulator issued to the seeded "
     "replay app; the challenge requests go without one, as recorded"),
    ("token request bodies", "scrubbed upstream ({}): the replay sends a client-credentials form for the seeded "
     "replay app, with its real secret, or with a secret the app does not have where the recorded answer is "
     "AADSTS7000215"),
    ("C++ request bodies", "the C++ recorder kept no request bodies: a PUT sends {\"value\": <the value the "
     "recorded answer returned>}"),
    ("App Service endpoint", "the recorded endpoint https://msi-endpoint/token is the sanitised IDENTITY_ENDPOINT; "
     "the emulator serves it at http://localhost:<port>/msi/token. Its 'secret' header (value redacted) becomes "
     "X-IDENTITY-HEADER with the seeded value, the header current SDKs send for api-version 2019-08-01"),
    ("request headers", "only Content-Type, Accept, Metadata, x-ms-client-request-id and client-request-id are "
     "replayed; user agents and transfer headers do not change the answers"),
]

# What is blanked on both sides before values are compared. Each rule: placeholder, what, why.
NORMALISATIONS = [
    ("<vault-host>", "vault host names", "sanitised in the recordings; seeded names in the emulator"),
    ("<tenant>", "tenant IDs", "sanitised ('fake-tenant') or a real tenant in the recordings; seeded in the emulator"),
    ("<client-id>", "managed identity client IDs", "sanitised or real in the recordings; seeded in the emulator"),
    ("<version>", "32-hex secret version IDs", "generated afresh on every PUT"),
    ("<guid>", "request, trace and correlation IDs", "random per request"),
    ("<unix-time>", "created, updated, deletedDate, scheduledPurgeDate, nbf, exp (JSON numbers); expires_on, "
     "not_before (numeric text)", "wall-clock times; the JSON type and format are still compared"),
    ("<entra-time>", "Entra 'timestamp' and the Timestamp line of error_description ('2021-11-17 23:25:07Z')",
     "wall-clock time; the format is compared"),
    ("<app-service-time>", "App Service expires_on ('05/22/2021 17:14:33 +00:00')", "wall-clock time; format kept"),
    ("<seconds>", "expires_in, ext_expires_in", "token lifetimes depend on when the token was cached; IMDS says "
     "'86311' for a cached token; the type (number or numeric text) is compared"),
    ("<token>", "access_token", "sanitised in the recordings ('redacted'); the emulator's signed token"),
    ("<message>", "the text after 'AADSTSnnnn: ' in Entra error_description", "Entra rewords its messages over "
     "time and says clients must not depend on them; the AADSTS code and the Trace ID / Correlation ID / "
     "Timestamp lines are compared"),
]

# Answers that differ for a reason the emulator does not share. Each: key, what, why.
KNOWN_DIFFERENCES = {
    "operation-finishes-at-once": (
        "a 404 that the recording shows while the client polls for a delete or recover to finish (the same "
        "request answered 200 later in the recording) is answered 200 at once by the emulator",
        "Key Vault completes soft-delete and recover in the background, seconds later; the emulator completes "
        "them before it answers, so there is nothing to wait for",
    ),
}

TIME_KEYS = {"created", "updated", "deletedDate", "scheduledPurgeDate", "nbf", "exp", "expires_on", "not_before"}
LIFETIME_KEYS = {"expires_in", "ext_expires_in"}
GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
VERSION = re.compile(r"(?<![0-9a-fA-F])[0-9a-f]{32}(?![0-9a-fA-F])")
ENTRA_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$")
APP_SERVICE_TIME = re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}$")
AADSTS = re.compile(r"^(AADSTS\d+): .*?((?:\r\n(?:Trace ID|Correlation ID|Timestamp): .*)*)$", re.S)


# --- Reading the recordings -----------------------------------------------------------------


@dataclass
class Exchange:
    """One recorded request and its answer."""

    index: int
    method: str
    url: str
    headers: dict
    body: object
    status: int
    response_headers: dict
    response_body: object


def _lower(headers):
    result = {}
    for name, value in (headers or {}).items():
        if isinstance(value, list):
            value = value[0] if value else ""
        result[name.lower()] = str(value)
    return result


def _json_or_text(text):
    if text is None or text == "":
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _test_proxy(document):
    return [
        Exchange(
            index=index,
            method=entry["RequestMethod"],
            url=entry["RequestUri"],
            headers=_lower(entry.get("RequestHeaders")),
            body=entry.get("RequestBody"),
            status=int(entry["StatusCode"]),
            response_headers=_lower(entry.get("ResponseHeaders")),
            response_body=entry.get("ResponseBody") or None,
        )
        for index, entry in enumerate(document["Entries"])
    ]


def _cpp(document):
    exchanges = []
    for index, entry in enumerate(document["networkCallRecords"]):
        response = dict(entry["Response"])
        body = response.pop("BODY", "")
        status = int(response.pop("STATUS_CODE"))
        exchanges.append(
            Exchange(index, entry["Method"], entry["Url"], _lower(entry.get("Headers")), None, status,
                     _lower(response), _json_or_text(body))
        )
    return exchanges


def _vcr(document):
    exchanges = []
    for index, interaction in enumerate(document["interactions"]):
        request, response = interaction["request"], interaction["response"]
        body = response.get("body") or {}
        exchanges.append(
            Exchange(index, request["method"], request["uri"], _lower(request.get("headers")),
                     _json_or_text(request.get("body")), int(response["status"]["code"]),
                     _lower(response.get("headers")), _json_or_text(body.get("string")))
        )
    return exchanges


LOADERS = {"test-proxy": ("Entries", _test_proxy), "cpp-recorder": ("networkCallRecords", _cpp),
           "vcr": ("interactions", _vcr)}


def read(path):
    """(format name, exchanges in order) of one recording; ValueError for an unknown format."""
    text = pathlib.Path(path).read_text(encoding="utf-8")
    document = yaml.safe_load(text) if str(path).endswith((".yaml", ".yml")) else json.loads(text)
    for name, (marker, loader) in LOADERS.items():
        if isinstance(document, dict) and marker in document:
            return name, loader(document)
    raise ValueError(f"{path}: not a test-proxy, C++ recorder or vcr recording")


def load(path):
    """The exchanges of one recording, in order."""
    return read(path)[1]


def recordings():
    """Every recording file under the shared folder, sorted, as paths relative to it."""
    root = recordings_directory()
    files = [path for path in root.rglob("*") if path.is_file() and path.suffix in (".json", ".yaml", ".yml")]
    return sorted(str(path.relative_to(root)) for path in files)


# --- Turning recorded requests into requests for the emulator -------------------------------


class ReplayWorld:
    """The seeded names the replay uses, read from the suite's seed."""

    def __init__(self, seed, port):
        apps = {app["displayName"]: app for app in seed["applications"]}
        self.app = apps["replay-runner"]
        self.tenant = self.app["tenant"]
        identities = seed["managedIdentities"]
        self.user_assigned = identities["userAssigned"][0]["clientId"]
        self.client_ids = [identities["systemAssigned"]["clientId"], self.user_assigned]
        self.client_ids.append(seed["appService"]["identities"]["systemAssigned"]["clientId"])
        self.identity_header = seed["appService"]["identityHeader"]
        self.port = port


def _substitute_tenant(text, world):
    return text.replace("/fake-tenant/", f"/{world.tenant}/").replace("%2Ffake-tenant%2F", f"%2F{world.tenant}%2F")


def target_url(recorded, world):
    """The URL to send: seeded vault hosts and tenant, App Service on localhost."""
    parts = urllib.parse.urlsplit(recorded)
    host = parts.hostname.lower()
    scheme, netloc, path = parts.scheme, parts.netloc, parts.path
    if host in REPLAY_VAULTS:
        netloc = REPLAY_VAULTS[host]
    elif host == APP_SERVICE_HOST:
        scheme, netloc, path = "http", f"localhost:{world.port}", APP_SERVICE_PATH
    query = parts.query.replace("client_id=client-id", f"client_id={world.user_assigned}")
    return _substitute_tenant(urllib.parse.urlunsplit((scheme, netloc, path, query, "")), world)


def is_vault(url):
    return urllib.parse.urlsplit(url).hostname.endswith(".vault.azure.net")


def is_token_request(exchange):
    return exchange.method == "POST" and urllib.parse.urlsplit(exchange.url).path.endswith("/token")


class Replayer:
    """Sends recorded requests to the emulator with one HTTP session and a replay-app token."""

    FORWARDED = ("content-type", "accept", "metadata", "x-ms-client-request-id", "client-request-id")

    def __init__(self, world, ca_file):
        self.world = world
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.verify = ca_file
        self._token = None

    def close(self):
        self.session.close()

    def token(self):
        if self._token is None:
            url = f"https://login.microsoftonline.com/{self.world.tenant}/oauth2/v2.0/token"
            answer = self.session.post(url, data=self._form(self.world.app["secrets"][0]["value"]), timeout=30)
            answer.raise_for_status()
            self._token = answer.json()["access_token"]
        return self._token

    def _form(self, secret):
        return {
            "grant_type": "client_credentials",
            "client_id": self.world.app["clientId"],
            "client_secret": secret,
            "scope": "https://vault.azure.net/.default",
        }

    def send(self, exchange):
        url = target_url(exchange.url, self.world)
        headers = {name: value for name, value in exchange.headers.items() if name in self.FORWARDED}
        if "secret" in exchange.headers:
            headers["X-IDENTITY-HEADER"] = self.world.identity_header
        if is_vault(url) and exchange.status != 401:
            headers["Authorization"] = f"Bearer {self.token()}"

        data = self._body(exchange, headers)
        return self.session.request(exchange.method, url, headers=headers, data=data, timeout=30,
                                    allow_redirects=False)

    def _body(self, exchange, headers):
        if is_token_request(exchange):
            wrong = "AADSTS7000215" in json.dumps(exchange.response_body or {})
            headers["content-type"] = "application/x-www-form-urlencoded"
            return self._form("a-secret-this-app-does-not-have" if wrong else self.world.app["secrets"][0]["value"])
        if exchange.method == "PUT" and exchange.status != 401:
            body = exchange.body
            if not body and isinstance(exchange.response_body, dict):
                body = {"value": exchange.response_body.get("value")}
            headers["content-type"] = "application/json"
            return json.dumps(body)
        if exchange.body and exchange.method in ("POST", "PATCH", "PUT"):
            return json.dumps(exchange.body)
        return None


# --- Normalising and comparing answers ------------------------------------------------------


def normalise_text(text, world):
    for recorded, seeded in REPLAY_VAULTS.items():
        text = re.sub(re.escape(recorded), "<vault-host>", text, flags=re.I)
        text = text.replace(seeded, "<vault-host>")
    for tenant in RECORDED_TENANTS + [world.tenant]:
        text = text.replace(tenant, "<tenant>")
    for client_id in RECORDED_CLIENT_IDS + world.client_ids:
        text = text.replace(client_id, "<client-id>")
    text = VERSION.sub("<version>", text)
    return GUID.sub("<guid>", text)


def _normalise_value(key, value, world):
    if key in TIME_KEYS:
        if isinstance(value, int):
            return "<unix-time>"
        if isinstance(value, str) and value.isdigit():
            return "<unix-time-text>"
        if isinstance(value, str) and APP_SERVICE_TIME.match(value):
            return "<app-service-time>"
    if key in LIFETIME_KEYS:
        return "<seconds>" if isinstance(value, int) else ("<seconds-text>" if str(value).isdigit() else value)
    if key == "timestamp" and isinstance(value, str) and ENTRA_TIME.match(value):
        return "<entra-time>"
    if key == "access_token" and isinstance(value, str):
        return "<token>"
    if key == "error_description" and isinstance(value, str):
        return _normalise_description(value, world)
    return normalise(value, world)


def _normalise_description(text, world):
    match = AADSTS.match(text)
    if not match:
        return normalise_text(text, world)
    lines = [f"{match.group(1)}: <message>"]
    for line in match.group(2).split("\r\n")[1:]:
        label, _, value = line.partition(": ")
        value = "<entra-time>" if ENTRA_TIME.match(value) else normalise_text(value, world)
        lines.append(f"{label}: {value}")
    return "\r\n".join(lines)


def normalise(value, world):
    """`value` with every NORMALISATIONS rule applied."""
    if isinstance(value, dict):
        return {key: _normalise_value(key, item, world) for key, item in value.items()}
    if isinstance(value, list):
        return [normalise(item, world) for item in value]
    if isinstance(value, str):
        return normalise_text(value, world)
    return value


def differences(recorded, emulated, path="body"):
    """Readable differences between two normalised JSON values: keys, types and values."""
    if isinstance(recorded, dict) and isinstance(emulated, dict):
        found = []
        for key in sorted(set(recorded) | set(emulated)):
            if key not in emulated:
                found.append(f"{path}.{key}: missing in the emulator's answer")
            elif key not in recorded:
                found.append(f"{path}.{key}: not in the recording")
            else:
                found += differences(recorded[key], emulated[key], f"{path}.{key}")
        return found
    if isinstance(recorded, list) and isinstance(emulated, list):
        if len(recorded) != len(emulated):
            return [f"{path}: {len(recorded)} items recorded, {len(emulated)} answered"]
        return [item for index, pair in enumerate(zip(recorded, emulated))
                for item in differences(pair[0], pair[1], f"{path}[{index}]")]
    if type(recorded) is not type(emulated) or recorded != emulated:
        return [f"{path}: recorded {recorded!r}, answered {emulated!r}"]
    return []


def purge_window_invariant(body):
    """scheduledPurgeDate - deletedDate == recoverableDays days, in a deleted-secret bundle."""
    if not isinstance(body, dict) or "scheduledPurgeDate" not in body:
        return None
    days = body.get("attributes", {}).get("recoverableDays")
    return body["scheduledPurgeDate"] - body["deletedDate"] == days * 86400


@dataclass
class Outcome:
    """How one exchange went: `problems` fail the replay, `accepted` names a known difference."""

    exchange: Exchange
    status: int
    problems: list = field(default_factory=list)
    accepted: str = ""

    def line(self):
        verdict = "ok" if not self.problems else "MISMATCH"
        if self.accepted:
            verdict = f"known difference: {self.accepted}"
        return f"  [{self.exchange.index}] {self.exchange.method} {self.exchange.url} -> " \
               f"{self.status} (recorded {self.exchange.status}) {verdict}"


def _finishes_later(exchange, later):
    return exchange.status == 404 and any(
        other.method == exchange.method and other.url == exchange.url and other.status == 200 for other in later
    )


def compare(exchange, answer, later, world):
    """The Outcome of one answer against its recorded exchange."""
    outcome = Outcome(exchange, answer.status_code)
    if answer.status_code != exchange.status:
        if answer.status_code == 200 and _finishes_later(exchange, later):
            outcome.accepted = "operation-finishes-at-once"
            return outcome
        outcome.problems.append(f"status: recorded {exchange.status}, answered {answer.status_code}")
        return outcome

    for name in ("content-type", "www-authenticate"):
        recorded = exchange.response_headers.get(name)
        emulated = answer.headers.get(name)
        recorded = normalise_text(recorded, world) if recorded else None
        emulated = normalise_text(emulated, world) if emulated else None
        if recorded != emulated:
            outcome.problems.append(f"header {name}: recorded {recorded!r}, answered {emulated!r}")
    echo = exchange.response_headers.get("x-ms-client-request-id")
    if echo and answer.headers.get("x-ms-client-request-id") != echo:
        outcome.problems.append("header x-ms-client-request-id: the client's ID was not echoed")

    emulated_body = _json_or_text(answer.text)
    outcome.problems += differences(normalise(exchange.response_body, world), normalise(emulated_body, world))
    for side, body in (("recorded", exchange.response_body), ("answered", emulated_body)):
        if purge_window_invariant(body) is False:
            outcome.problems.append(f"{side}: scheduledPurgeDate - deletedDate is not recoverableDays days")
    return outcome


def replay(relative_path, world, ca_file):
    """Replays one recording; the Outcome of each exchange, in order."""
    exchanges = load(recordings_directory() / relative_path)
    replayer = Replayer(world, ca_file)
    try:
        return [compare(exchange, replayer.send(exchange), exchanges[index + 1:], world)
                for index, exchange in enumerate(exchanges)]
    finally:
        replayer.close()


def main():
    import loopback

    port = int(os.environ["MIDKV_CONFORMANCE_PORT"])
    loopback.redirect_to(port)
    with open(os.environ.get("MIDKV_CONFORMANCE_SEED", HERE / "seed.json"), encoding="utf-8") as handle:
        world = ReplayWorld(json.load(handle), port)
    failed = 0
    for path in recordings():
        outcomes = replay(path, world, os.environ["MIDKV_CONFORMANCE_CA"])
        print(path)
        for outcome in outcomes:
            print(outcome.line())
            for problem in outcome.problems:
                print(f"      {problem}")
        failed += sum(1 for outcome in outcomes if outcome.problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
