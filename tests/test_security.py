"""Nothing gets in: no network, no SQL from user values, no external entities, no bombs, a local server.

* extraction (model loading included) never opens a network connection: sitrep has no
  URL fetching, so a URL given as an input is a file name that does not exist;
* SQL in ``store.py`` and ``export.py`` is built from constants only; user values travel as
  parameters (an AST check), and injection attempts through the CLI stay data;
* XML external entities in feeds and pages are never resolved; a compressed WARC record
  cannot blow up memory;
* ``sitrep serve`` listens on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import ast
import io
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.store import Store
from test_runner import run_local, write_corpus

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SECRET = "SECRET-7f3a9c-DO-NOT-LEAK"


@pytest.fixture
def no_network(monkeypatch) -> list:
    """Every attempt to resolve a name or open a connection fails, and is recorded."""
    attempts: list = []

    def refuse(*args, **kwargs):
        attempts.append(args[1:] if args and isinstance(args[0], socket.socket) else args)
        raise OSError("network access attempted during a test that forbids it")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


REMOTE_PAGE = f"""<!DOCTYPE html><html><head><title>Checkpoint attacked near Kunduz</title>
<base href="http://198.51.100.7/"><link rel="stylesheet" href="http://198.51.100.7/s.css">
<script src="https://203.0.113.9/track.js"></script><meta http-equiv="refresh" content="0; url=http://198.51.100.7/">
<style>@import url("http://198.51.100.7/i.css");</style></head><body>
<img src="http://198.51.100.7/pixel.gif"><iframe src="http://198.51.100.7/frame"></iframe>
<p>Taliban fighters attacked an army checkpoint near Kunduz late on Friday, killing at least four soldiers,
the governor's spokesman said on Saturday.</p><object data="http://198.51.100.7/x.swf"></object></body></html>"""


# -- no network ------------------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.gazetteer
def test_loading_and_extracting_never_touch_the_network(no_network, tmp_path, nlp, gazetteer_path):
    from sitrep.cli.extract import expand_inputs
    from sitrep.pipeline import Extractor

    extractor = Extractor()  # model, gazetteer and lexicon loaded with the network cut
    page = tmp_path / "remote.html"
    page.write_text(REMOTE_PAGE, encoding="utf-8")
    inputs = [*expand_inputs([str(EXAMPLES)]), str(page)]
    results = [extractor.extract(p) for p in inputs]
    assert len(results) >= 12 and all(r.document.text for r in results)
    assert no_network == []


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_url_as_input_is_not_fetched(no_network, extractor):
    from sitrep.cli import app

    out = CliRunner().invoke(app, ["extract", "http://127.0.0.1:9/report.html"])
    assert out.exit_code == 3 and "no such file" in out.stderr
    assert no_network == []


def test_feeds_warcs_and_json_lines_are_walked_without_the_network(no_network, tmp_path):
    from sitrep.ingest.corpus import walk

    feed = tmp_path / "remote.rss"
    feed.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY remote SYSTEM "http://198.51.100.7/e.xml">]>'
        '<rss version="2.0"><channel><title>W</title><item><guid>r1</guid><title>Clash &remote;</title>'
        "<link>http://198.51.100.7/r1</link><description>Taliban fighters raided an army post near Kunduz."
        "</description><enclosure url=\"http://198.51.100.7/a.mp3\" type=\"audio/mpeg\" length=\"1\"/></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    lines = tmp_path / "remote.jsonl"
    lines.write_text('{"url": "http://198.51.100.7/j1", "html": "<p>Taliban fighters attacked.</p>"}\n', encoding="utf-8")
    walked = list(walk([feed, lines]))
    assert len(walked) == 2 and no_network == []


# -- external entities -------------------------------------------------------------------------------
def _secret_file(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def test_feed_external_entities_are_never_resolved(tmp_path):
    from sitrep.ingest.corpus import walk

    secret = _secret_file(tmp_path)
    feed = tmp_path / "xxe.rss"
    feed.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<rss version="2.0"><channel><title>W</title><item><guid>x1</guid><title>Clash near Kunduz &xxe;</title>'
        "<description>Taliban fighters raided an army post near Kunduz on Friday &xxe;, officials said."
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    walked = list(walk([feed]))
    assert walked and all(SECRET.encode() not in getattr(item, "data", b"") for item in walked)
    assert all(SECRET not in str(item) for item in walked)


def test_page_external_entities_are_never_resolved(tmp_path):
    from sitrep.ingest import parse_bytes
    from sitrep.options import load_options

    secret = _secret_file(tmp_path)
    page = (
        f'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        "<html><head><title>Clash</title></head><body><p>Taliban fighters raided an army post near Kunduz "
        "on Friday, killing four soldiers, officials said. &xxe;</p></body></html>"
    )
    raw = parse_bytes(page.encode(), input="xxe.html", options=load_options().ingest, format="html")
    assert "Taliban fighters" in raw.text and SECRET not in raw.text


# -- decompression bombs ----------------------------------------------------------------------------
class _Spaces(io.RawIOBase):
    """``size`` bytes of spaces, streamed (the bomb is never held in memory here)."""

    def __init__(self, size: int):
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), self.left)
        buffer[:n] = b" " * n
        self.left -= n
        return n


def _warc_bomb(path: Path, size: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record("https://bomb.example/", "response", payload=_Spaces(size), length=size,
                                           http_headers=headers)  # fmt: skip
        writer.write_record(record)


_GROWTH = """
import resource, sys
from sitrep.ingest.corpus import walk
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
items = [type(item).__name__ for item in walk([sys.argv[1]], max_bytes=20_000_000)]
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024, items)
"""


def test_a_compressed_warc_record_cannot_blow_up_memory(tmp_path):
    bomb = tmp_path / "bomb.warc.gz"
    _warc_bomb(bomb, 200_000_000)
    assert bomb.stat().st_size < 1_000_000
    done = subprocess.run([sys.executable, "-c", _GROWTH, str(bomb)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    growth, kinds = done.stdout.split(" ", 1)
    assert "InputTooLarge" in kinds
    assert float(growth) < 100, f"peak memory grew by {float(growth):.0f} MB for one record"


# -- SQL -------------------------------------------------------------------------------------------------
_SQL = re.compile(r"\b(SELECT|INSERT|DELETE|UPDATE|CREATE|COPY|DROP|ALTER|FROM|WHERE|VALUES)\b")
#: names that may be formatted into SQL text, and why each holds no user value
SAFE_IN_SQL = {
    "table": "a key of store._TABLES / _DOC_TABLES (module constants)",
    "name": "Store.table() checks it against _TABLES first",
    "key": "primary keys from _TABLES",
    "body": "column definitions from _TABLES",
    "verb": "one of two literals",
    "quoted": "column names from _TABLES",
    "column": "a literal column name",
    "_READ_JSON": "read_json calls built from _TABLES",
    "source": "read_json call built from ACLED_COLUMNS",
    "columns": "column types built from ACLED_COLUMNS",
    "target": "an output path, quotes doubled: DuckDB's COPY takes no parameter for its target",
}


def _formatted_names(node: ast.AST) -> set[str]:
    """Names whose values end up in the text (an ``x if cond else y`` puts x or y there, not cond)."""
    if isinstance(node, ast.IfExp):
        return _formatted_names(node.body) | _formatted_names(node.orelse)
    if isinstance(node, ast.Name):
        return {node.id}
    return set().union(*(_formatted_names(child) for child in ast.iter_child_nodes(node)))


def _sql_problems(path: Path) -> list[str]:
    problems = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if _SQL.search(literal):
                names = set().union(*(_formatted_names(v.value) for v in node.values if isinstance(v, ast.FormattedValue)))
                problems += [f"{path.name}:{node.lineno} formats {n!r} into SQL" for n in names - SAFE_IN_SQL.keys()]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
            literal = node.left.value if isinstance(node.left, ast.Constant) and isinstance(node.left.value, str) else ""
            if _SQL.search(literal) and _formatted_names(node.right) - SAFE_IN_SQL.keys():
                problems.append(f"{path.name}:{node.lineno} builds SQL with % or +")
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "format":
            text = node.func.value.value if isinstance(node.func.value, ast.Constant) else ""
            if isinstance(text, str) and _SQL.search(text):
                problems.append(f"{path.name}:{node.lineno} builds SQL with str.format")
    return problems


@pytest.mark.parametrize("module", ["store.py", "export.py"])
def test_sql_is_built_from_constants_and_values_are_parameters(module):
    assert _sql_problems(ROOT / "sitrep" / module) == []


def test_the_sql_check_catches_a_value_formatted_into_sql(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        'def f(con, country):\n    con.execute(f"SELECT * FROM events WHERE country = \'{country}\'")\n'
        '    con.execute("DELETE FROM t WHERE id = %s" % country)\n'
        '    con.execute("SELECT * FROM t WHERE a = {}".format(country))\n',
        encoding="utf-8",
    )
    assert len(_sql_problems(bad)) == 3


@pytest.fixture
def store_db(tmp_path) -> Path:
    db = tmp_path / "store.duckdb"
    with Store.open(db) as store:
        run_local(store, [write_corpus(tmp_path / "corpus")], batch_size=8)
    return db


def _counts(db: Path) -> dict:
    with Store.open(db, read_only=True) as store:
        return {t: len(store.table(t)) for t in ("documents", "fused_events", "claims", "failures", "runs")}


INJECTIONS = ["XX' OR 1=1 --", "AF' OR '1'='1", "AF'; DROP TABLE fused_events; --", 'AF" OR 1=1 --']


@pytest.mark.parametrize("country", INJECTIONS)
def test_export_country_injection_is_only_data(store_db, country):
    from sitrep.cli import app

    before = _counts(store_db)
    assert before["fused_events"] > 0
    out = CliRunner().invoke(app, ["export", "--country", country, "--db", str(store_db)])
    assert out.exit_code in (0, 2), out.output
    assert [line for line in out.stdout.splitlines() if line and not line.startswith("event_id_cnty")] == []
    assert _counts(store_db) == before


@pytest.mark.parametrize("event", ["ev' OR '1'='1", "x' UNION SELECT id FROM fused_events --", "1; DROP TABLE claims"])
def test_show_injection_is_no_such_event(store_db, event):
    from sitrep.cli import app

    before = _counts(store_db)
    out = CliRunner().invoke(app, ["show", event, "--db", str(store_db)])
    assert out.exit_code == 2 and "no such event" in out.stderr and out.stdout == ""
    assert _counts(store_db) == before


def test_failures_stage_and_since_injections_are_only_data(store_db):
    from sitrep.cli import app

    listed = CliRunner().invoke(app, ["failures", "--stage", "x' OR 1=1 --", "--db", str(store_db)])
    assert listed.exit_code == 0 and listed.stdout == ""
    since = CliRunner().invoke(app, ["export", "--since", "2024-01-01' OR 1=1 --", "--db", str(store_db)])
    assert since.exit_code == 2 and "--since" in since.stderr


def test_quotes_in_output_paths_stay_part_of_the_path(store_db, tmp_path):
    from sitrep.cli import app

    target = tmp_path / "ev'il'); DROP TABLE x; --.parquet"
    out = CliRunner().invoke(app, ["export", "--format", "parquet", "--out", str(target), "--db", str(store_db)])
    assert out.exit_code == 0, out.output
    assert target.is_file()


# -- the server ------------------------------------------------------------------------------------------
def _serve_app():
    """A CLI app with ``sitrep serve``, or a skip while the serve module does not exist yet."""
    import importlib.util

    import typer

    if importlib.util.find_spec("sitrep.cli.serve") is None:
        pytest.skip("no sitrep/cli/serve.py yet")
    from sitrep.cli import serve

    app = typer.Typer()
    serve.register(app)
    return app


def test_the_server_listens_on_localhost_by_default(tmp_path, monkeypatch):
    import typer.main
    import uvicorn

    app = _serve_app()
    command = typer.main.get_command(app).commands["serve"]
    assert next(p for p in command.params if p.name == "host").default == "127.0.0.1"
    started = {}

    def run(server, **kwargs):  # instead of serving: note where, and let the app go
        started.update(kwargs)
        state = getattr(server.state, "sitrep", None)
        if state is not None:
            state.close()

    monkeypatch.setattr(uvicorn, "run", run)
    out = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.duckdb")])
    assert out.exit_code == 0, out.output
    assert started["host"] == "127.0.0.1"
