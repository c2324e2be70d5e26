"""Shared setup: where the emulator listens, its CA, the seed, and the loopback guard.

run.sh starts `midkv emulator` and passes its port and CA file in the environment:
MIDKV_CONFORMANCE_PORT, MIDKV_CONFORMANCE_CA and MIDKV_CONFORMANCE_SEED.
"""

import json
import os
import pathlib
import sys

import pytest

import loopback

HERE = pathlib.Path(__file__).resolve().parent


def _required(name):
    value = os.environ.get(name, "")
    if not value:
        raise pytest.UsageError(f"{name} is not set; run the suite through conformance/run.sh")
    return value


PORT = int(_required("MIDKV_CONFORMANCE_PORT"))
CA_FILE = _required("MIDKV_CONFORMANCE_CA")
SEED_FILE = os.environ.get("MIDKV_CONFORMANCE_SEED", str(HERE / "seed.json"))

loopback.redirect_to(PORT)


class World:
    """The seed, with names for the principals and vaults the tests use."""

    def __init__(self, seed):
        self.seed = seed
        apps = {app["displayName"]: app for app in seed["applications"]}
        self.reader = apps["conformance-reader"]
        self.outsider = apps["conformance-outsider"]
        self.replay_app = apps["replay-runner"]
        self.tenant = seed["tenants"][0]["id"]
        self.replay_tenant = seed["tenants"][1]["id"]
        self.vaults = {vault["name"]: vault for vault in seed["vaults"]}

    def vault_url(self, name):
        return f"https://{name}.vault.azure.net"

    def secret_of(self, app):
        return app["secrets"][0]["value"]


@pytest.fixture(scope="session")
def world():
    with open(SEED_FILE, encoding="utf-8") as handle:
        return World(json.load(handle))


@pytest.fixture(scope="session")
def ca_file():
    return CA_FILE


def pytest_sessionfinish(session, exitstatus):
    refused = loopback.violations()
    if refused:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line("Connections outside loopback were attempted (and refused):", red=True)
            for entry in refused:
                reporter.write_line(f"  {entry}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    module = sys.modules.get("test_replay")
    lines = module.pytest_terminal_summary_lines() if module else []
    if lines:
        terminalreporter.section("replayed recordings")
        for line in lines:
            terminalreporter.write_line(line)
