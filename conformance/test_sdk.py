"""The Azure SDK for Python, unmodified, against `midkv emulator`.

Clients are built with their defaults: real host names (`login.microsoftonline.com`,
`<vault>.vault.azure.net`, `169.254.169.254`), instance discovery on, and the Key Vault
challenge-resource check on. Only the connection target (loopback.py) and the trusted CA
(REQUESTS_CA_BUNDLE, set by run.sh) differ from a machine in Azure.
"""

import base64
import json
import socket
import uuid

import pytest
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError, ResourceNotFoundError
from azure.core.pipeline.transport import RequestsTransport
from azure.identity import ChainedTokenCredential, ClientSecretCredential, ManagedIdentityCredential
from azure.keyvault.secrets import SecretClient
from azure.keyvault.secrets._shared import http_challenge_cache

import loopback

VAULT_SCOPE = "https://vault.azure.net/.default"


class RecordingTransport(RequestsTransport):
    """The SDK's own requests transport, noting each exchange (no header values, no bodies)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.exchanges = []

    def send(self, request, **kwargs):
        response = super().send(request, **kwargs)
        self.exchanges.append(
            {
                "method": request.method,
                "url": request.url,
                "authorized": "Authorization" in request.headers,
                "body_length": len(request.body or b""),
                "status": response.status_code,
                "challenge": response.headers.get("WWW-Authenticate"),
            }
        )
        return response


def claims_of(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def codes_of(error):
    """(status, error.code, innererror.code) as the SDK parsed them."""
    inner = (error.error.innererror or {}).get("code") if error.error else None
    return error.status_code, error.error.code if error.error else None, inner


def reader_credential(world):
    return ClientSecretCredential(world.tenant, world.reader["clientId"], world.secret_of(world.reader))


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


# --- the loopback guard ---------------------------------------------------------------------


def test_guard_refuses_lookups_and_connections_outside_loopback():
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("login.microsoftonline.com", 443)
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(ConnectionRefusedError):
            probe.connect(("192.0.2.10", 443))
    finally:
        probe.close()

    assert any("login.microsoftonline.com" in entry for entry in loopback.violations())
    loopback.forget_violations("login.microsoftonline.com")
    loopback.forget_violations("192.0.2.10")
    assert loopback.violations() == []


# --- Entra ID: client credentials -----------------------------------------------------------


def test_client_secret_credential_gets_a_vault_token(world):
    transport = RecordingTransport()
    credential = ClientSecretCredential(
        world.tenant, world.reader["clientId"], world.secret_of(world.reader), transport=transport
    )

    token = credential.get_token(VAULT_SCOPE)

    claims = claims_of(token.token)
    assert claims["aud"] == "https://vault.azure.net"
    assert claims["tid"] == world.tenant
    assert claims["appid"] == world.reader["clientId"]
    assert token.expires_on > 0
    assert ("login.microsoftonline.com", 443) in loopback.redirected_hosts()
    assert [(entry["method"], entry["url"].split("?")[0], entry["status"]) for entry in transport.exchanges] == [
        ("GET", f"https://login.microsoftonline.com/{world.tenant}/v2.0/.well-known/openid-configuration", 200),
        ("POST", f"https://login.microsoftonline.com/{world.tenant}/oauth2/v2.0/token", 200),
    ]


def test_wrong_client_secret_raises_the_sdk_authentication_error_with_aadsts7000215(world):
    credential = ClientSecretCredential(world.tenant, world.reader["clientId"], "not-the-secret-of-this-app")

    with pytest.raises(ClientAuthenticationError) as raised:
        credential.get_token(VAULT_SCOPE)

    assert "AADSTS7000215" in str(raised.value)


def test_unknown_client_id_raises_aadsts700016(world):
    credential = ClientSecretCredential(world.tenant, str(uuid.uuid4()), "whatever-secret")

    with pytest.raises(ClientAuthenticationError) as raised:
        credential.get_token(VAULT_SCOPE)

    assert "AADSTS700016" in str(raised.value)


# --- Managed identity through IMDS ----------------------------------------------------------


def test_managed_identity_credential_gets_a_token_from_imds(world):
    token = ManagedIdentityCredential().get_token(VAULT_SCOPE)

    system = world.seed["managedIdentities"]["systemAssigned"]
    claims = claims_of(token.token)
    assert claims["oid"] == system["objectId"]
    assert claims["aud"] == "https://vault.azure.net"
    assert ("169.254.169.254", 80) in loopback.redirected_hosts()


def test_managed_identity_in_a_chain_probes_imds_first_and_then_gets_a_token(world):
    token = ChainedTokenCredential(ManagedIdentityCredential()).get_token(VAULT_SCOPE)

    assert claims_of(token.token)["oid"] == world.seed["managedIdentities"]["systemAssigned"]["objectId"]


def test_user_assigned_identity_is_chosen_by_client_id(world):
    user = world.seed["managedIdentities"]["userAssigned"][0]

    token = ManagedIdentityCredential(client_id=user["clientId"]).get_token(VAULT_SCOPE)

    assert claims_of(token.token)["oid"] == user["objectId"]


def test_managed_identity_token_reads_a_secret(world):
    client = SecretClient(world.vault_url("kv-conf-rbac"), ManagedIdentityCredential())

    secret = client.get_secret("mid-linux-ssh")

    assert json.loads(secret.value)["password"] == "second"


# --- Key Vault: the challenge flow ----------------------------------------------------------


def test_challenge_flow_probes_without_token_then_retries_with_one(world):
    http_challenge_cache.clear()
    transport = RecordingTransport()
    client = SecretClient(world.vault_url("kv-conf-rbac"), reader_credential(world), transport=transport)

    client.get_secret("mid-linux-ssh")
    client.get_secret("mid-linux-ssh")

    vault = [entry for entry in transport.exchanges if "vault.azure.net" in entry["url"]]
    assert [(entry["authorized"], entry["status"]) for entry in vault] == [(False, 401), (True, 200), (True, 200)]
    assert vault[0]["challenge"] == (
        f'Bearer authorization="https://login.windows.net/{world.tenant}", resource="https://vault.azure.net"'
    )
    assert vault[0]["url"] == vault[1]["url"]


def test_first_set_sends_an_empty_probe_before_the_value(world):
    http_challenge_cache.clear()
    transport = RecordingTransport()
    client = SecretClient(world.vault_url("kv-conf-rbac"), reader_credential(world), transport=transport)

    client.set_secret(unique("probe"), "value-held-back")

    vault = [entry for entry in transport.exchanges if "vault.azure.net" in entry["url"]]
    assert [(entry["method"], entry["authorized"], entry["status"]) for entry in vault] == [
        ("PUT", False, 401),
        ("PUT", True, 200),
    ]
    assert vault[0]["body_length"] == 0
    assert vault[1]["body_length"] > 0


# --- Key Vault: secrets ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def rbac_client(world):
    return SecretClient(world.vault_url("kv-conf-rbac"), reader_credential(world))


def test_set_then_get_latest_and_by_version(rbac_client):
    name = unique("rotate")
    first = rbac_client.set_secret(name, "first value", content_type="text/plain")
    second = rbac_client.set_secret(name, "second value")

    assert rbac_client.get_secret(name).value == "second value"
    assert rbac_client.get_secret(name, first.properties.version).value == "first value"
    assert rbac_client.get_secret(name, second.properties.version).properties.version == second.properties.version
    assert first.properties.content_type == "text/plain"
    assert len(first.properties.version) == 32


def test_list_follows_next_link_past_one_page(rbac_client):
    names = [secret.name for secret in rbac_client.list_properties_of_secrets()]

    expected = {f"bulk-{index:02d}" for index in range(1, 31)} | {"mid-linux-ssh"}
    assert expected <= set(names)
    assert len(names) == len(set(names))
    assert len(names) > 25


def test_list_pages_by_page(rbac_client):
    pages = [list(page) for page in rbac_client.list_properties_of_secrets().by_page()]

    assert len(pages) >= 2
    assert len(pages[0]) == 25


def test_list_versions(rbac_client):
    versions = list(rbac_client.list_properties_of_secret_versions("mid-linux-ssh"))

    assert len(versions) == 2
    assert {version.content_type for version in versions} == {"application/json"}
    assert all(len(version.version) == 32 for version in versions)
    assert sorted(json.dumps(version.tags or {}) for version in versions) == ['{"owner": "discovery"}', "{}"]


def test_disabled_secret_raises_http_response_error_with_secret_disabled(rbac_client):
    name = unique("retired")
    rbac_client.set_secret(name, "about to be disabled")

    updated = rbac_client.update_secret_properties(name, enabled=False)
    assert updated.enabled is False
    with pytest.raises(HttpResponseError) as raised:
        rbac_client.get_secret(name)

    assert type(raised.value) is HttpResponseError
    assert codes_of(raised.value) == (403, "Forbidden", "SecretDisabled")
    assert raised.value.model.error.inner_error.code == "SecretDisabled"
    assert raised.value.error.message == "Operation get is not allowed on a disabled secret."


def test_missing_secret_raises_resource_not_found(rbac_client):
    with pytest.raises(ResourceNotFoundError) as raised:
        rbac_client.get_secret("no-such-secret-here")

    assert codes_of(raised.value) == (404, "SecretNotFound", None)
    assert "no-such-secret-here" in raised.value.error.message


def test_missing_version_raises_resource_not_found(rbac_client):
    with pytest.raises(ResourceNotFoundError) as raised:
        rbac_client.get_secret("mid-linux-ssh", "0" * 32)

    assert codes_of(raised.value) == (404, "SecretNotFound", None)


# --- Key Vault: refusals --------------------------------------------------------------------


def outsider_client(world, vault):
    credential = ClientSecretCredential(world.tenant, world.outsider["clientId"], world.secret_of(world.outsider))
    return SecretClient(world.vault_url(vault), credential)


def test_principal_without_role_assignment_gets_forbidden_by_rbac(world):
    with pytest.raises(HttpResponseError) as raised:
        outsider_client(world, "kv-conf-rbac").get_secret("mid-linux-ssh")

    assert codes_of(raised.value) == (403, "Forbidden", "ForbiddenByRbac")
    assert "Microsoft.KeyVault/vaults/secrets/getSecret/action" in raised.value.error.message


def test_principal_without_access_policy_gets_access_denied(world):
    with pytest.raises(HttpResponseError) as raised:
        outsider_client(world, "kv-conf-policy").get_secret("mid-windows-admin")

    assert codes_of(raised.value) == (403, "Forbidden", "AccessDenied")
    assert "does not have secrets get permission" in raised.value.error.message


def test_access_policy_grants_get_but_not_list(world):
    client = SecretClient(world.vault_url("kv-conf-policy"), reader_credential(world))

    assert client.get_secret("mid-windows-admin").value == "policy-vault-value"
    with pytest.raises(HttpResponseError) as raised:
        list(client.list_properties_of_secrets())

    assert codes_of(raised.value) == (403, "Forbidden", "AccessDenied")
    assert "does not have secrets list permission" in raised.value.error.message
