"""``clusterbridge schedule``: solving, checking, and every kind of bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clusterbridge.scheduling.cli import main

GOOD = {
    "slots": [
        {"id": "s1", "start": "2026-05-20T09:00:00", "minutes": 25},
        {"id": "s2", "start": "2026-05-20T09:30:00", "minutes": 25},
    ],
    "locations": [{"id": "t1", "seats": 2}],
    "participants": [{"id": "p1", "unavailable": ["s2"]}, {"id": "p2"}, {"id": "p3"}],
    "meetings": [
        {"id": "m1", "participants": ["p1", "p2"], "weight": 2},
        {"id": "m2", "participants": ["p2", "p3"], "online": True},
        {"id": "m3", "participants": ["p1", "p3"], "fixed": {"slot": "s1", "location": "t1"}},
    ],
}


def _write(tmp_path: Path, name: str, data: Any) -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_solve_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inst = _write(tmp_path, "i.json", GOOD)
    assert main([inst, "--time-limit", "5", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    sol = json.loads(out)
    assert set(sol) == {
        "assignments",
        "unscheduled",
        "objective",
        "upper_bound",
        "idle_gaps",
        "solve_seconds",
    }
    assert sorted(map(tuple, (a.values() for a in sol["assignments"]))) == [
        ("m2", "s2", None),
        ("m3", "s1", "t1"),
    ]
    assert sol["unscheduled"] == [{"meeting": "m1", "reason": "blocked_by_fixed_meetings"}]
    assert (sol["objective"], sol["upper_bound"], sol["idle_gaps"]) == (2, 2, 0)
    path = _write(tmp_path, "s.json", out)
    assert main(["--check", inst, path]) == 0
    assert capsys.readouterr().out.splitlines()[:4] == [
        "objective: 2",
        "idle_gaps: 0",
        "scheduled: 2",
        "violations: 0",
    ]


def test_check_reports_violation_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inst = _write(tmp_path, "i.json", GOOD)
    bad = {
        "assignments": [
            {"meeting": "m3", "slot": "s1", "location": "t1"},
            {"meeting": "m1", "slot": "s1", "location": "t1"},
        ],
        "objective": 3,
    }
    assert main(["--check", inst, _write(tmp_path, "s.json", bad)]) == 1
    out = capsys.readouterr().out
    assert "objective: 3" in out
    assert "participant 'p1' is in two meetings in slot 's1' ('m3' and 'm1')" in out
    assert "location 't1' double-booked in slot 's1' ('m3' and 'm1')" in out


def _mutated(change) -> dict[str, Any]:
    data = json.loads(json.dumps(GOOD))
    change(data)
    return data


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"slots": [', "malformed JSON"),
        (
            _mutated(lambda d: d["meetings"][0].update(participants=["p1", "px"])),
            "meeting 'm1': unknown participant 'px'",
        ),
        (
            _mutated(lambda d: d["meetings"][0].update(participants=["p1"])),
            "meeting 'm1': needs at least two participants, has 1",
        ),
        (_mutated(lambda d: d["meetings"][1].update(id="m1")), "duplicate meeting id 'm1'"),
        (
            _mutated(lambda d: d["participants"].append({"id": "p2"})),
            "duplicate participant id 'p2'",
        ),
        (
            _mutated(lambda d: d["meetings"][2].update(fixed={"slot": "s2", "location": "t1"})),
            "meeting 'm3': fixed slot 's2': participant 'p1' is unavailable",
        ),
        (
            _mutated(lambda d: d["meetings"][2].update(fixed={"slot": "s9"})),
            "meeting 'm3': fixed slot 's9' is unknown",
        ),
        (
            _mutated(lambda d: d["locations"][0].update(seats=1)),
            "meeting 'm3': fixed location 't1' has 1 seats, needs 2",
        ),
        ([1, 2], "instance must be an object"),
    ],
)
def test_bad_input_exit_2_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: Any, message: str
) -> None:
    path = _write(tmp_path, "i.json", content)
    assert main([path]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_file_and_bad_solution(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope.json")]) == 2
    assert "nope.json: file not found" in capsys.readouterr().err
    inst = _write(tmp_path, "i.json", GOOD)
    sol = _write(tmp_path, "s.json", {"assignments": [{"meeting": "m1"}]})
    assert main(["--check", inst, sol]) == 2
    assert "s.json: assignment #0: missing key 'slot'" in capsys.readouterr().err
    assert main(["--check", inst]) == 2
    assert "--check needs INSTANCE.json SOLUTION.json" in capsys.readouterr().err
    assert main([inst, "--time-limit", "0"]) == 2
    assert "--time-limit must be a positive" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main([inst, "--seed", "x"])
    assert exc.value.code == 2


def test_installed_console_script(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("clusterbridge")
    if not exe.exists():
        found = shutil.which("clusterbridge")
        assert found, "console script 'clusterbridge' is not installed"
        exe = Path(found)
    inst = _write(tmp_path, "i.json", GOOD)
    run = subprocess.run(
        [str(exe), "schedule", inst, "--time-limit", "5"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    sol_path = _write(tmp_path, "s.json", run.stdout)
    chk = subprocess.run(
        [str(exe), "schedule", "--check", inst, sol_path],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert chk.returncode == 0 and "violations: 0" in chk.stdout
    bad = subprocess.run(
        [str(exe), "schedule", _write(tmp_path, "bad.json", "{nope")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert "malformed JSON" in bad.stderr and "Traceback" not in bad.stderr
