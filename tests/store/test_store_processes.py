"""Real processes against one file: a kill -9 mid-write, a classroom of 30 writers, two
app instances for one learner. The writers are started first and then released together."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from course.store import ProgressStore

REPO = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("store_worker.py")

pytestmark = pytest.mark.slow


def spawn(data_dir: Path, learner: str, count: int) -> subprocess.Popen[str]:
    """Start a worker (see store_worker.py); it prints "ready" once its store is open."""
    return subprocess.Popen(
        [sys.executable, str(WORKER), "report", str(data_dir), learner, str(count)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
    )


def release(children: list[subprocess.Popen[str]]) -> None:
    """Wait until every child is ready, then let them all go at once."""
    for child in children:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line == "ready\n", (line, child.stderr.read() if child.stderr else "")
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
@pytest.mark.parametrize("kill_after", [40, 150])
def test_kill_9_while_writing_loses_no_committed_answer_and_keeps_the_file_intact(
    data_dir: Path, kill_after: int
) -> None:
    child = spawn(data_dir, "learner", 100_000)
    release([child])
    assert child.stdout is not None
    reported = []
    while len(reported) < kill_after:
        line = child.stdout.readline()
        assert line, child.stderr.read() if child.stderr else ""
        reported.append(line.split())
    os.kill(child.pid, signal.SIGKILL)
    rest, _ = child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL
    reported += [line.split() for line in rest.splitlines()]  # printed before the kill

    with ProgressStore.open(data_dir) as store:
        assert store.recovered_from is None
        assert store.integrity_check() == ["ok"]
        learner = store.learner("learner")
        (attempt,) = store.attempts(learner.id, "course")
        answered = {answer.question_id for answer in attempt.answers}
        texts = {text for _, text in store.reflection_history(learner.id, "course", "lesson")}
        for kind, *rest_of_line in reported:
            if kind == "answer":
                uid, question = rest_of_line
                assert uid == attempt.uid
                assert question in answered
            else:
                assert f"text {rest_of_line[0]}" in texts
        assert len(answered) >= sum(1 for kind, *_ in reported if kind == "answer")
        # the file still takes writes
        store.record_answer(attempt.id, "after", {}, "right", 1, 1)


def run_writers(data_dir: Path, names: list[str], answers: int) -> list[list[object]]:
    """One writing process per name, all released at once (see store_worker.py `writers`);
    return what each reported. Fails on any error in any of them."""
    result = subprocess.run(
        [sys.executable, str(WORKER), "writers", str(data_dir), str(answers), *names],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    output = json.loads(result.stdout)
    print(
        f"{len(names)} writers: started and opened in {output['seconds']['started']:.2f} s, "
        f"wrote in {output['seconds']['wrote']:.2f} s"
    )
    reports: list[list[object]] = output["reports"]
    return reports


def test_thirty_processes_writing_at_once_lose_nothing_and_never_fail(data_dir: Path) -> None:
    learners, answers = 30, 100
    names = [f"learner {n}" for n in range(learners)]
    reports = run_writers(data_dir, names, answers)
    assert sorted(map(tuple, reports)) == sorted(("ok", name, answers) for name in names)

    with ProgressStore.open(data_dir) as store:
        assert store.integrity_check() == ["ok"]
        assert len(store.learners()) == learners
        for name in names:
            learner = store.find_learner(name)
            assert learner is not None
            (attempt,) = store.attempts(learner.id, "course")
            assert [a.question_id for a in attempt.answers] == [f"q{i}" for i in range(answers)]
            assert attempt.points == answers


def test_two_app_instances_for_one_learner_keep_both_sets_of_answers(data_dir: Path) -> None:
    reports = run_writers(data_dir, ["shared", "shared"], 200)
    assert [report[0] for report in reports] == ["ok", "ok"]
    with ProgressStore.open(data_dir) as store:
        learner = store.learner("shared")
        assert len(store.learners()) == 1
        attempts = store.attempts(learner.id, "course")
        assert len(attempts) == 2
        assert all(len(attempt.answers) == 200 for attempt in attempts)


def other_process(data_dir: Path, code: str) -> str:
    """Run `code` (with `store` open on `data_dir`) in another process; what it prints."""
    script = (
        "from course.store import ProgressStore\n"
        f"with ProgressStore.open({str(data_dir)!r}) as store:\n    {code}\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_a_second_store_in_one_process_leaves_what_the_first_writes_visible_to_others(
    data_dir: Path,
) -> None:
    """`course serve` holds two stores on the class file (its store thread and the LRS
    forwarder): opening the second must not drop the locks of the first, or another
    process that closes the file deletes the log the first one goes on writing to."""
    with ProgressStore.open(data_dir) as first:
        first.learner("anna")
        with ProgressStore.open(data_dir) as second:
            second.learner("ben")
            other_process(data_dir, "store.learner('dora')")
            first.learner("cleo")
            seen = other_process(data_dir, "print(sorted(l.name for l in store.learners()))")
    assert "'cleo'" in seen and "'dora'" in seen
