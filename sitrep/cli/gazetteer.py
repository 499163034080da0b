"""``sitrep gazetteer build|import`` and ``sitrep geocode``.

Data goes to stdout (the summary line, the table or JSON); progress bars and
warnings go to stderr. A domain error is one line on stderr and its exit code.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..errors import SitrepError
from ..gazetteer import Gazetteer, build_gazetteer, ensure_gazetteer, import_geonames
from ..gazetteer.build import progress_bars
from ..options import load_options
from ._common import fail

if TYPE_CHECKING:
    from ..extract.places import PlacesFound

__all__ = ["register"]

_MAX_BAD_LINES_SHOWN = 20

_PATH_OPTION = typer.Option(
    None, "--path", help="Gazetteer file (default: places.gazetteer in the settings, else $SITREP_HOME/gazetteer.sqlite)."
)
_CONFIG_OPTION = typer.Option(None, "--config", help="A TOML file overriding sitrep's settings.")


def register(app: typer.Typer) -> None:
    """Add the gazetteer commands to ``app``."""
    group = typer.Typer(help="Build and extend the offline gazetteer (GeoNames-derived).", no_args_is_help=True)
    group.command("build")(build)
    group.command("import")(import_dump)
    app.add_typer(group, name="gazetteer")
    app.command("geocode")(geocode)


def build(path: Optional[Path] = _PATH_OPTION, config: Optional[Path] = _CONFIG_OPTION) -> None:
    """Build the gazetteer index from the GeoNames data packaged on PyPI (about 30 s, 35 MB).

    Example: sitrep gazetteer build --path ./gazetteer.sqlite
    """
    with _domain_errors(), progress_bars() as report:
        target = path or load_options(config).places.gazetteer_path()
        done = build_gazetteer(target, progress=report)
    typer.echo(
        f"{target}: {done.rows} places, {done.names} names, {done.bytes / 1e6:.1f} MB in {done.seconds:.1f} s "
        f"({done.admin1_codes} GeoNames admin1 codes mapped, {done.admin1_unmapped} not)"
    )


def import_dump(
    file: Path = typer.Argument(..., help="allCountries.txt, XX.txt or a .zip of one (download.geonames.org/export/dump)."),
    path: Optional[Path] = _PATH_OPTION,
    config: Optional[Path] = _CONFIG_OPTION,
) -> None:
    """Add the passes, valleys, districts and villages of a GeoNames dump to the gazetteer.

    Malformed lines are skipped and listed on stderr by number; good rows are kept.

    Example: sitrep gazetteer import AF.zip
    """
    with _domain_errors():
        target = path or load_options(config).places.gazetteer_path()
        done = import_geonames(target, file)
    if done.bad_lines:
        shown = ", ".join(map(str, done.bad_lines[:_MAX_BAD_LINES_SHOWN]))
        more = "…" if len(done.bad_lines) > _MAX_BAD_LINES_SHOWN else ""
        typer.echo(f"{file}: {len(done.bad_lines)} malformed lines skipped: {shown}{more}", err=True)
    typer.echo(f"{target}: {done.rows_added} places added from {file.name}, {done.skipped} of other kinds skipped")


def geocode(
    text: str = typer.Argument(..., help='Text to geocode; "-" reads stdin.'),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    path: Optional[Path] = _PATH_OPTION,
    config: Optional[Path] = _CONFIG_OPTION,
) -> None:
    """Print the toponyms of TEXT and the places they resolve to (builds the gazetteer if missing).

    Example: sitrep geocode "Gunmen raided a police post in Kunduz province."
    """
    # spaCy takes a second to import: only this command needs it, so `sitrep --help` stays quick.
    from ..extract.places import find_places
    from ..nlp import load_pipeline

    if text == "-":
        text = sys.stdin.read()
    with _domain_errors():
        options = load_options(config)
        nlp = load_pipeline(options.nlp.model)
        gazetteer = Gazetteer.open(ensure_gazetteer(path or options.places.gazetteer_path()))
        with gazetteer:
            found = find_places(nlp(text), gazetteer=gazetteer)
    if as_json:
        typer.echo(json.dumps(_as_json(found), ensure_ascii=False, indent=2))
    else:
        Console().print(_as_table(found))


@contextlib.contextmanager
def _domain_errors() -> Iterator[None]:
    try:
        yield
    except SitrepError as err:
        fail(err)


def _as_json(found: PlacesFound) -> dict:
    return {
        "country": found.country,
        "mentions": [
            {"start": m.start, "end": m.end, "text": m.text, "place": m.place_id, "geo_precision": m.geo_precision}
            for m in found.mentions
        ],
        "places": [place.model_dump() for place in found.places],
    }


def _as_table(found: PlacesFound) -> Table:
    table = Table(title=f"dominant country: {found.country or '—'}")
    places = {place.id: place for place in found.places}
    for column in ("text", "chars", "place", "name", "feature", "country", "admin1", "lat, lon", "precision"):
        # ids are what a user copies: never fold or elide them in a narrow terminal
        keep = {"no_wrap": True, "min_width": max(map(len, places), default=5)} if column == "place" else {}
        table.add_column(column, **keep)
    for m in found.mentions:
        place = places[m.place_id]
        where = f"{place.lat:.4f}, {place.lon:.4f}" if place.lat is not None and place.lon is not None else "—"
        table.add_row(
            m.text, f"{m.start}–{m.end}", place.id, place.name, place.feature,
            place.country or "—", place.admin1 or "—", where, str(m.geo_precision),
        )
    return table
