"""Every recording under ../shared/fixtures/azure/recordings, replayed against the emulator.

See replay.py for what is compared and the normalisation table. The per-exchange report,
known differences included, is printed at the end of the run.
"""

import pytest

import conftest
import replay

REPORT = []


@pytest.fixture(scope="module")
def replay_world(world):
    return replay.ReplayWorld(world.seed, conftest.PORT)


def test_recordings_of_every_format_are_there():
    formats = [replay.read(replay.recordings_directory() / path) for path in replay.recordings()]

    assert len(formats) >= 8
    assert {name for name, _ in formats} == set(replay.LOADERS)
    assert all(exchanges for _, exchanges in formats)


def test_every_rule_table_names_its_reason():
    for table in (replay.REQUEST_RULES, replay.NORMALISATIONS):
        assert all(all(part.strip() for part in row) for row in table)
    assert all(what and why for what, why in replay.KNOWN_DIFFERENCES.values())


@pytest.mark.parametrize("recording", replay.recordings())
def test_recording_replays_against_the_emulator(recording, replay_world, ca_file):
    outcomes = replay.replay(recording, replay_world, ca_file)

    REPORT.append((recording, outcomes))
    problems = [f"[{outcome.exchange.index}] {problem}" for outcome in outcomes for problem in outcome.problems]
    assert outcomes, "the recording has no exchanges"
    assert not problems, "\n".join(problems)


def pytest_terminal_summary_lines():
    """The replay report: one line per exchange, known differences named."""
    lines = []
    for recording, outcomes in REPORT:
        lines.append(recording)
        lines += [outcome.line() for outcome in outcomes]
    accepted = sum(1 for _, outcomes in REPORT for outcome in outcomes if outcome.accepted)
    total = sum(len(outcomes) for _, outcomes in REPORT)
    if REPORT:
        lines.append(f"{total} recorded exchanges replayed, {accepted} accepted as known differences "
                     f"({', '.join(replay.KNOWN_DIFFERENCES)})")
    return lines
