"""The replay's comparison itself: it must catch what it claims to catch.

Each test takes a real recorded exchange, fakes the emulator's answer from it, changes one
thing, and checks the comparison reports (or, for a normalised value, ignores) that change.
"""

import copy
import json

import pytest
from requests.structures import CaseInsensitiveDict

import replay

GO_SECRETS = "azure-sdk-for-go/azsecrets/TestSetGetSecret.json"
GO_BAD_SECRET = "azure-sdk-for-go/azidentity/TestClientSecretCredential_InvalidSecretLive.json"
IMDS = "azure-sdk-for-python/identity/test_imds_credential.pyTestImdstest_system_assigned.json"


class FakeAnswer:
    def __init__(self, exchange, status=None, headers=None, body=None):
        self.status_code = exchange.status if status is None else status
        self.headers = CaseInsensitiveDict(exchange.response_headers if headers is None else headers)
        body = exchange.response_body if body is None else body
        self.text = "" if body is None else json.dumps(body)


@pytest.fixture(scope="module")
def replay_world(world):
    return replay.ReplayWorld(world.seed, 443)


def exchange(recording, index):
    return replay.load(replay.recordings_directory() / recording)[index]


def problems(recorded, answer, replay_world, later=()):
    return replay.compare(recorded, answer, list(later), replay_world).problems


def test_the_recorded_answer_itself_matches(replay_world):
    for index in range(7):
        recorded = exchange(GO_SECRETS, index)
        assert problems(recorded, FakeAnswer(recorded), replay_world) == []


def test_another_status_is_reported(replay_world):
    recorded = exchange(GO_SECRETS, 2)

    assert problems(recorded, FakeAnswer(recorded, status=403), replay_world) == [
        "status: recorded 200, answered 403"
    ]


def test_a_404_the_recording_polls_past_is_accepted_only_as_the_known_difference(replay_world):
    entries = replay.load(replay.recordings_directory() / GO_SECRETS)
    polling, settled = entries[4], entries[5]

    accepted = replay.compare(polling, FakeAnswer(settled), entries[5:], replay_world)
    alone = replay.compare(polling, FakeAnswer(settled), [], replay_world)

    assert accepted.accepted == "operation-finishes-at-once" and accepted.problems == []
    assert alone.problems == ["status: recorded 404, answered 200"]


def test_a_changed_error_code_is_reported(replay_world):
    recorded = exchange(GO_SECRETS, 0)
    body = copy.deepcopy(recorded.response_body)
    body["error"]["code"] = "Forbidden"

    assert problems(recorded, FakeAnswer(recorded, body=body), replay_world) == [
        "body.error.code: recorded 'Unauthorized', answered 'Forbidden'"
    ]


def test_a_missing_or_extra_key_is_reported(replay_world):
    recorded = exchange(GO_SECRETS, 1)
    body = copy.deepcopy(recorded.response_body)
    del body["attributes"]["recoverableDays"]
    body["kid"] = "https://example"

    found = problems(recorded, FakeAnswer(recorded, body=body), replay_world)

    assert "body.attributes.recoverableDays: missing in the emulator's answer" in found
    assert "body.kid: not in the recording" in found


def test_a_number_sent_as_text_is_reported(replay_world):
    recorded = exchange(GO_SECRETS, 1)
    body = copy.deepcopy(recorded.response_body)
    body["attributes"]["created"] = str(body["attributes"]["created"])

    assert problems(recorded, FakeAnswer(recorded, body=body), replay_world) == [
        "body.attributes.created: recorded '<unix-time>', answered '<unix-time-text>'"
    ]


def test_imds_lifetimes_must_stay_text(replay_world):
    recorded = exchange(IMDS, 1)
    body = copy.deepcopy(recorded.response_body)
    body["expires_in"] = 86399

    assert problems(recorded, FakeAnswer(recorded, body=body), replay_world) == [
        "body.expires_in: recorded '<seconds-text>', answered '<seconds>'"
    ]


def test_times_ids_and_versions_are_normalised(replay_world):
    recorded = exchange(GO_SECRETS, 3)
    body = copy.deepcopy(recorded.response_body)
    body["deletedDate"] += 1000
    body["scheduledPurgeDate"] += 1000
    body["id"] = body["id"].replace("fakekvurl", "kv-conf-replay-go").replace("2e4a4ddc", "0123abcd")
    headers = dict(recorded.response_headers, **{"x-ms-request-id": "00000000-1111-2222-3333-444444444444"})

    assert problems(recorded, FakeAnswer(recorded, headers=headers, body=body), replay_world) == []


def test_a_broken_purge_window_is_reported(replay_world):
    recorded = exchange(GO_SECRETS, 3)
    body = copy.deepcopy(recorded.response_body)
    body["scheduledPurgeDate"] += 86400

    assert problems(recorded, FakeAnswer(recorded, body=body), replay_world) == [
        "answered: scheduledPurgeDate - deletedDate is not recoverableDays days"
    ]


def test_challenge_and_content_type_headers_are_compared(replay_world):
    recorded = exchange(GO_SECRETS, 0)
    headers = dict(recorded.response_headers)
    headers["www-authenticate"] = headers["www-authenticate"].replace("vault.azure.net", "vault.azure.cn")
    headers["content-type"] = "application/json"

    found = problems(recorded, FakeAnswer(recorded, headers=headers), replay_world)

    assert [problem.split(":")[0] for problem in found] == ["header content-type", "header www-authenticate"]


def test_entra_wording_is_free_but_the_aadsts_code_and_lines_are_not(replay_world):
    recorded = exchange(GO_BAD_SECRET, 2)
    reworded = copy.deepcopy(recorded.response_body)
    reworded["error_description"] = reworded["error_description"].replace(
        "Invalid client secret is provided.", "Invalid client secret provided. Ensure the secret is the value."
    )
    other_code = copy.deepcopy(recorded.response_body)
    other_code["error_description"] = other_code["error_description"].replace("AADSTS7000215", "AADSTS7000222")
    no_trace = copy.deepcopy(recorded.response_body)
    no_trace["error_description"] = no_trace["error_description"].split("\r\n")[0]

    assert problems(recorded, FakeAnswer(recorded, body=reworded), replay_world) == []
    assert len(problems(recorded, FakeAnswer(recorded, body=other_code), replay_world)) == 1
    assert len(problems(recorded, FakeAnswer(recorded, body=no_trace), replay_world)) == 1
