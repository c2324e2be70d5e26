"""One cold read of a secret with the Azure SDK for Python, as a new process would do it.

Usage: python sdk_get_secret.py SEED_FILE SECRET_NAME PORT
Reads tenant, app and vault from the emulator's seed, sends every connection to
127.0.0.1:PORT (conformance/loopback.py) and prints the length of the value, never the value.
Trusts the CA in REQUESTS_CA_BUNDLE.
"""

import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "conformance"))

import loopback  # noqa: E402
from azure.identity import ClientSecretCredential  # noqa: E402
from azure.keyvault.secrets import SecretClient  # noqa: E402


def main():
    seed_file, secret_name, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    loopback.redirect_to(port)
    with open(seed_file, encoding="utf-8") as handle:
        seed = json.load(handle)
    app, vault = seed["applications"][0], seed["vaults"][0]

    credential = ClientSecretCredential(app["tenant"], app["clientId"], app["secrets"][0]["value"])
    client = SecretClient(f"https://{vault['name']}.vault.azure.net", credential)
    value = client.get_secret(secret_name).value
    print(len(value))
    return 0 if value and not loopback.violations() else 1


if __name__ == "__main__":
    sys.exit(main())
