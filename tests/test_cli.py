"""The `sitrep` command: help texts with examples, and bad input handled as one clear line."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _commands():
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            for sub in command.commands:
                yield [name, sub]
        else:
            yield [name]


@pytest.mark.parametrize("words", list(_commands()), ids=lambda w: " ".join(w))
def test_every_command_has_help_with_an_example(words):
    result = runner.invoke(app, [*words, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"`sitrep {' '.join(words)} --help` shows no example"


def _run(*args):
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _one_clear_line(stderr: str, name: str):
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert name in lines[0]
    assert "Traceback" not in stderr


BAD_INPUTS = {
    # name: (bytes or a callable writing the file, expected exit code, a word of the reason)
    "empty.txt": (b"", 10, "empty"),
    "blank.txt": (b"  \n\n \t \n", 10, "empty"),
    "scan.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20, 11, "PDF"),
    "picture.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, 11, "PNG"),
    "archive.html": (gzip.compress(b"<html><body>hello</body></html>" * 50), 11, "gzip"),
}


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_gives_one_clear_line(tmp_path, name, extractor):
    data, code, word = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    exit_code, stdout, stderr = _run("extract", str(path))
    assert exit_code == code, stderr
    _one_clear_line(stderr, name)
    assert word.lower() in stderr.lower()
    assert stdout == ""


@pytest.mark.model
@pytest.mark.gazetteer
def test_huge_page_is_refused_by_size(tmp_path, extractor):
    path = tmp_path / "huge.html"
    with path.open("wb") as f:
        f.write(b"<html><body>")
        chunk = b"<p>Fighting went on in the northern hills on Friday.</p>\n" * 1000
        for _ in range(50_000_000 // len(chunk) + 1):
            f.write(chunk)
    exit_code, _, stderr = _run("extract", str(path))
    assert exit_code == 12
    _one_clear_line(stderr, "huge.html")


@pytest.mark.model
@pytest.mark.gazetteer
def test_non_english_article(tmp_path, extractor):
    path = tmp_path / "rapport.txt"
    path.write_text(
        "Des affrontements ont éclaté vendredi soir dans la ville, selon les autorités locales. "
        "Au moins douze soldats ont été tués et plusieurs civils blessés, a déclaré le gouverneur. "
        "Les habitants ont fui vers les villages voisins pendant la nuit.",
        encoding="utf-8",
    )
    exit_code, _, stderr = _run("extract", str(path), "--published", "2024-05-10")
    assert exit_code == 15
    _one_clear_line(stderr, "rapport.txt")
    assert "english" in stderr.lower()


def test_published_that_is_not_a_date():
    exit_code, stdout, stderr = _run("extract", "whatever.txt", "--published", "last Tuesday")
    assert exit_code == 2
    _one_clear_line(stderr, "--published")
    assert "last Tuesday" in stderr and stdout == ""


@pytest.mark.model
@pytest.mark.gazetteer
def test_broken_html_and_latin1_bytes_still_extract(tmp_path, extractor):
    broken = tmp_path / "broken.html"
    broken.write_bytes(
        b"<html><head><title>Clashes in Kunduz</title><body><div><p>Taliban fighters overran an army post "
        b"in Kunduz on Friday, killing four soldiers, officials said.<p>Residents said the fighting lasted "
        b"hours.<div><p>The attack came a week after similar clashes"
    )
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(
        "Clashes near Kunduz\n\nTaliban fighters raided an army post near Kunduz on Friday, killing four "
        "soldiers, the governor\u2019s office said. A caf\u00e9 owner said the fighting lasted hours.".replace("\u2019", "'").encode("latin-1")
    )
    for path in (broken, latin):
        exit_code, stdout, stderr = _run("extract", str(path), "--published", "2024-05-11")
        assert exit_code == 0, stderr
        assert '"events"' in stdout


@pytest.mark.model
@pytest.mark.gazetteer
def test_one_bad_input_does_not_stop_the_others(tmp_path, extractor):
    good = tmp_path / "good.txt"
    good.write_text("Clashes in Kunduz\n\nTaliban fighters overran an army post in Kunduz on Friday, killing four soldiers.")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    exit_code, stdout, stderr = _run("extract", str(bad), str(good), "--published", "2024-05-11")
    assert exit_code == 1
    assert len([line for line in stdout.splitlines() if line.strip()]) == 1
    _one_clear_line(stderr, "bad.txt")
