"""The bad-input corpus: a clear answer for every input, within bounds, and nothing lost.

``scripts/make_bad_corpus.py`` writes the corpus (every kind with what sitrep must do
with it, written by hand) and measures it in a subprocess: ``sitrep extract`` on each input
in a forked child, whose CPU time and peak memory come from ``os.wait4``, then one
``sitrep run`` over the whole corpus. The bounds asserted here, per document:

* at most :data:`MAX_CPU_SECONDS` of CPU (wall time is reported, not asserted: the CI
  machine is shared) and never killed by the :data:`TIMEOUT` watchdog;
* at most :data:`MAX_RSS_MB` of peak resident memory for the whole ``sitrep`` process,
  model included.

The 500 MB and 19 MB pages are benchmark-only (``--bench``); here the 50 MB page is refused
by its size before it is read. Inputs that hit a known bug are strict xfails naming it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.records import Result
from test_fuzz import check_result

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import make_bad_corpus as corpus  # noqa: E402

MAX_CPU_SECONDS = 30.0
MAX_RSS_MB = 1536.0
TIMEOUT = 120.0
#: extensions whose files hold several items (WARC records, feed entries, JSON lines)
CONTAINERS = (".warc", ".gz", ".rss", ".atom", ".xml", ".jsonl")
KINDS = [k for k in corpus.KINDS if not k.bench]


def _param(kind, bug):
    marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
    return pytest.param(kind, id=kind.name.encode("unicode_escape").decode(), marks=marks)


@pytest.fixture(scope="module")
def measured(tmp_path_factory) -> dict:
    """The corpus written and measured once, in a subprocess: {input name: measurement}, runs."""
    folder = tmp_path_factory.mktemp("robustness") / "corpus"
    out = folder.parent / "measured.json"
    command = [sys.executable, str(ROOT / "scripts" / "make_bad_corpus.py"), str(folder), "--measure", str(out),
               "--timeout", str(TIMEOUT)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=30 * 60)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    return {"folder": folder, "inputs": {row["name"]: row for row in result["inputs"]}, "runs": result["runs"]}


def _read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8", errors="replace")


# -- sitrep extract -------------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("kind", [_param(k, k.extract_bug) for k in KINDS])
def test_extract_gives_a_valid_result_or_one_clear_line(measured, kind):
    row = measured["inputs"][kind.name]
    stdout, stderr = _read(row["stdout"]), _read(row["stderr"])
    assert "Traceback" not in stderr, stderr
    assert row["exit"] in kind.exits, f"exit {row['exit']}: {stderr}"
    if row["exit"] != 0:
        shown = kind.name.replace("\n", "\\n")  # a control character in a name is shown escaped: one line
        lines = stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"sitrep: {measured['folder'] / shown}: "), stderr
        assert stdout == ""
        return
    result = Result.model_validate_json(stdout)
    check_result(result)
    assert all(s in result.document.text for s in kind.keep), kind.keep
    assert not [s for s in kind.drop if s in result.document.text]


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("kind", [_param(k, None) for k in KINDS])
def test_extract_stays_within_time_and_memory(measured, kind):
    row = measured["inputs"][kind.name]
    assert not row["timed_out"], f"killed after {TIMEOUT} s"
    assert row["cpu_seconds"] <= MAX_CPU_SECONDS, row
    assert row["max_rss_mb"] <= MAX_RSS_MB, row


# -- sitrep run -----------------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.gazetteer
def test_run_over_the_corpus_finishes_cleanly_within_memory(measured):
    run = measured["runs"]["corpus"]
    assert run["exit"] == 0 and not run["timed_out"], _read(run["stderr"])[-2000:]
    assert "Traceback" not in _read(run["stderr"])
    assert run["max_rss_mb"] <= MAX_RSS_MB


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("kind", [_param(k, None) for k in KINDS if not k.run_bug])
def test_run_stores_the_good_and_records_the_bad(measured, kind):
    got = measured["runs"]["corpus"]["kinds"][kind.name]
    assert got["stored"] >= kind.stored and got["failed"] >= kind.failed, got
    if kind.name.endswith(CONTAINERS):
        assert got["stored"] + got["failed"] >= 1, "nothing stored or recorded: lost"
    else:
        assert got["stored"] + got["failed"] == 1, got
    if kind.stage and got["failed"]:
        assert got["stages"] == [kind.stage], got


@pytest.mark.model
@pytest.mark.gazetteer
def test_run_records_a_reason_for_every_failure(measured):
    from sitrep.store import Store

    db = Path(measured["runs"]["corpus"]["stderr"]).parent / "corpus.duckdb"
    with Store.open(db, read_only=True) as store:
        failures = store.failures()
        texts = {row[0]: row[1] for row in store.table("documents", exclude=("title", "url", "source", "published", "language", "removed", "input"))}  # fmt: skip
        stored = store.table("inputs", exclude=("run_id",))
    assert failures and all(f.reason.strip() and f.stage for f in failures)
    by_input = {name: texts[doc] for name, doc in stored}
    for kind in KINDS:
        path = str((measured["folder"] / kind.name).resolve())
        for name, text in by_input.items():
            if name == path or name.startswith(path + "#"):
                assert all(s in text for s in kind.keep) and not [s for s in kind.drop if s in text], name


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("kind", [_param(k, k.run_bug) for k in KINDS if k.run_bug])
def test_run_survives_inputs_that_hit_known_bugs(measured, kind):
    run = measured["runs"][kind.name]
    assert run["exit"] == 0, _read(run["stderr"])[-1500:]
    got = run["kinds"][kind.name]
    assert got["stored"] >= kind.stored and got["stored"] + got["failed"] >= 1, got


# -- messages ---------------------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.gazetteer
def test_a_refusal_as_not_english_never_says_it_detected_english(tmp_path, extractor, monkeypatch):
    # a text refused for a low English score that the detector still guesses is English:
    # the message must not contradict itself ("not in English (detected 'en')")
    from sitrep import language
    from sitrep.errors import UnsupportedLanguage

    monkeypatch.setattr(language, "english_score", lambda text: 0.1)
    monkeypatch.setattr(language, "detect_language", lambda text: "en")
    path = tmp_path / "feed-markup.txt"
    path.write_text(corpus.BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(UnsupportedLanguage) as refused:
        extractor.extract(path, published=None)
    assert "detected 'en'" not in str(refused.value) and "English score 0.10" in str(refused.value)