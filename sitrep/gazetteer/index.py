"""The gazetteer index: a read-only SQLite file of places and their names.

The file is built by :func:`sitrep.gazetteer.build.build_gazetteer` from the
GeoNames-derived data packaged on PyPI, and extended by
:func:`sitrep.gazetteer.geonames.import_geonames` from a GeoNames dump. Lookups
are exact matches on :func:`normalise`-d names (the main name and every Latin
alternate name), so "Kondoz", "Kunduz" and "Kundūz" find the same town.

Tables (schema version :data:`SCHEMA_VERSION`)::

    meta(key, value)                     schema_version, built_at, sources
    place(rid, id, name, country, admin1, feature, rank, lat, lon, population)
    name(key, rid)                       normalised name → place
    admin1_code(country, code, admin1)   GeoNames admin1 code → region name
"""

from __future__ import annotations

import logging
import math
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from ..errors import GazetteerError

__all__ = [
    "SCHEMA_VERSION",
    "distance_km",
    "skeleton",
    "FEATURES",
    "Candidate",
    "Gazetteer",
    "normalise",
    "ensure_gazetteer",
]

log = logging.getLogger(__name__)

#: Bump when the tables or :func:`normalise` change; an index of another version must be rebuilt.
SCHEMA_VERSION = 5  # 3: US counties (fips:…), country aliases Holy See, Soviet Union; 4: district seats, csc towns; 5: districts without a town (geoBoundaries centroids)

#: Feature kinds in lookup order: a name that is a country is listed before the
#: region, town or valley of the same name.
FEATURES = ("country", "admin1", "city", "district", "pass", "valley", "mountain", "river", "place")
FEATURE_RANK = {feature: rank for rank, feature in enumerate(FEATURES)}

_BUILD_HINT = "run `sitrep gazetteer build`"
_CACHE_SIZE = 4096

# Characters NFKD does not decompose into ASCII letters plus combining marks.
_FOLD = str.maketrans({
    "ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss",
    "æ": "ae", "œ": "oe", "ħ": "h", "ŀ": "l", "ə": "a", "ŋ": "n",
})
# Apostrophes and ayn/hamza marks vanish: "Ma'rib", "Ma’rib" and "Marib" are one name.
_MARKS = re.compile(r"['’‘`´ʻʼʽʾʿ]")
# Persian/Dari ezafe joins ("Pul-e Khumri", "Pul-i-Khumri") are dropped.
_EZAFE = re.compile(r"(?<=\w)-(?:e|i|y|ye)(?=[\s-])")
# The Arabic article: "al-"/"el " anywhere, sun-letter forms ("ash-", "as-", "ad-") only hyphenated,
# so "Al Anbar", "al-Anbar" and "Anbar" match, and "Ras al-Ain" matches "Ras el Ain".
_ARTICLE = re.compile(r"(?<![0-9a-z])(?:(?:al|el)[^0-9a-z]+|(?:ad|ar|as|ash|at|az|an|ed|er|es|et|ez|ul)-)")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Combining marks left by NFKD on Latin letters (diacritics, extended and supplementary blocks).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

_SELECT = "SELECT p.id, p.name, p.country, p.admin1, p.feature, p.lat, p.lon, p.population FROM place p"


def normalise(name: str) -> str:
    """Casefold, ASCII-fold, drop apostrophes, ezafe and the Arabic article, collapse punctuation.

    ``normalise("Al-Raqqah") == normalise("Raqqah") == "raqqah"``. A name that would
    normalise to nothing (e.g. "Al") keeps its folded letters.
    """
    if name.isascii():  # most names: skip Unicode decomposition
        text = _MARKS.sub("", name.lower())
    else:
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", name.casefold())).translate(_FOLD)
        text = _MARKS.sub("", text)
    folded = _NON_ALNUM.sub(" ", text).strip()
    text = _ARTICLE.sub(" ", _EZAFE.sub(" ", text))
    return _NON_ALNUM.sub(" ", text).strip() or folded


_CLOSE = 0.75  # difflib ratio of two spellings of one name (see Gazetteer.similar)
_ASPIRATED = re.compile(r"([bcdfgjklmnpqrstvwxz])h")
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")


def skeleton(key: str) -> str:
    """The consonant skeleton of a :func:`normalise`-d name, for transliteration variants.

    Spaces go, and after the first letter vowels and h ("Shahr" = "Shar", "Qal'ah" = "Qala");
    kh, sh, gh… lose their h; q is k, w is v; doubled letters count once. "Maidan Shar" and
    "Maydan Shahr" give "mdnsr", "Puli Alam" and "Pul-e Alam" give "plm". Used only among the
    places of one country (see :meth:`Gazetteer.similar`).
    """
    text = _ASPIRATED.sub(r"\1", key.replace(" ", "")).replace("q", "k").replace("w", "v")
    text = text[:1] + _VOWELS.sub("", text[1:]).replace("h", "")
    return _DOUBLED.sub(r"\1", text)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12_742 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    id: str  # "gn:<geonameid>" | "adm1:<ISO 3166-2>" | "cc:<ISO2>" | "fips:<US county FIPS>"
    name: str
    country: Optional[str]
    admin1: Optional[str]  # the region's name, not its code
    feature: str  # one of FEATURES
    lat: Optional[float]
    lon: Optional[float]
    population: int


class Gazetteer:
    """A read-only handle on a built gazetteer file. Open with :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self._conn = conn
        self.path = path
        self._cache: dict[tuple, list[Candidate]] = {}
        self._skeletons: dict[str, dict[str, list[tuple[str, Candidate]]]] = {}  # country → skeleton → names

    @classmethod
    def open(cls, path: str | Path) -> "Gazetteer":
        """Open the index at ``path`` read-only; a missing or foreign file raises GazetteerError."""
        path = Path(path)
        if not path.is_file():
            raise GazetteerError("gazetteer index not found", input=str(path), hint=_BUILD_HINT)
        try:
            conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error as err:
            raise GazetteerError(f"cannot open gazetteer: {err}", input=str(path), hint=_BUILD_HINT) from err
        try:
            check_schema(conn, path)
        except GazetteerError:
            conn.close()
            raise
        return cls(conn, path)

    def lookup(
        self, name: str, *, country: Optional[str] = None, feature: Optional[str] = None, limit: int = 20
    ) -> list[Candidate]:
        """Places called ``name`` (any spelling variant), countries first, then by population."""
        key = normalise(name)
        cache_key = (key, country, feature, limit)
        hit = self._cache.get(cache_key)
        if hit is not None:
            return list(hit)
        sql = f"{_SELECT} JOIN name n ON n.rid = p.rid WHERE n.key = ?"
        params: list = [key]
        if country is not None:
            sql += " AND p.country = ?"
            params.append(country.upper())
        if feature is not None:
            sql += " AND p.feature = ?"
            params.append(feature)
        sql += " ORDER BY p.rank, p.population DESC, p.rid LIMIT ?"
        params.append(limit)
        found = [Candidate(*row) for row in self._query(sql, params)]
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.clear()
        self._cache[cache_key] = found
        return list(found)

    def similar(self, name: str, *, country: str, limit: int = 10) -> list[Candidate]:
        """Places of ``country`` spelled like ``name`` in another transliteration ("Maidan Shar" finds
        "Maydān Shahr"), most populous first: same :func:`skeleton` and a close spelling (difflib
        ratio >= 0.75, so "Kharki" does not find "Karukh"); [] for skeletons under three letters.

        The first call for a country reads all its names once (a few thousand rows for most).
        """
        key = normalise(name)
        bones = skeleton(key)
        if len(bones) < 3:
            return []
        country = country.upper()
        table = self._skeletons.get(country)
        if table is None:
            table = self._skeletons[country] = {}
            rows = self._query(f"{_SELECT.replace('SELECT ', 'SELECT DISTINCT n.key, ')} JOIN name n ON n.rid = p.rid "
                               "WHERE p.country = ? ORDER BY p.population DESC", [country])  # fmt: skip
            for name_key, *place in rows:
                table.setdefault(skeleton(name_key), []).append((name_key, Candidate(*place)))
        found: list[Candidate] = []
        for name_key, cand in table.get(bones, ()):
            if cand not in found and SequenceMatcher(None, key, name_key).ratio() >= _CLOSE:
                found.append(cand)
        return found[:limit]

    def country(self, code: str) -> Optional[Candidate]:
        """The country with ISO 3166-1 alpha-2 ``code``, or None if the index does not know it."""
        rows = self._query(f"{_SELECT} WHERE p.id = ?", [f"cc:{code.upper()}"])
        return Candidate(*rows[0]) if rows else None

    def get(self, place_id: str) -> Optional[Candidate]:
        """The place with id ``place_id`` (``gn:…``, ``adm1:…``, ``cc:…``), or None."""
        rows = self._query(f"{_SELECT} WHERE p.id = ?", [place_id])
        return Candidate(*rows[0]) if rows else None

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Gazetteer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _query(self, sql: str, params: list) -> list[tuple]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as err:
            raise GazetteerError(f"gazetteer query failed: {err}", input=str(self.path), hint=_BUILD_HINT) from err


def check_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Raise GazetteerError unless ``conn`` is a sitrep gazetteer of :data:`SCHEMA_VERSION`."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as err:
        # "file is not a database" or "no such table: meta": not a sitrep gazetteer either way.
        raise GazetteerError(f"not a sitrep gazetteer ({err})", input=str(path), hint=_BUILD_HINT) from err
    if row is None:
        raise GazetteerError("gazetteer has no schema version", input=str(path), hint=_BUILD_HINT)
    if row[0] != str(SCHEMA_VERSION):
        raise GazetteerError(
            f"gazetteer schema version {row[0]}, this sitrep reads {SCHEMA_VERSION}", input=str(path), hint=_BUILD_HINT
        )


def _older_version(path: Path) -> bool:
    """True for a sitrep gazetteer written by an older sitrep (safe to rebuild over)."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return row is not None and row[0].isdigit() and int(row[0]) < SCHEMA_VERSION


def ensure_gazetteer(path: Path, *, progress: bool = True) -> Path:
    """Return ``path``, building the index there first if it is missing or of an older schema version.

    A file that is not a sitrep gazetteer at all is left alone (Gazetteer.open will say so).
    """
    path = Path(path)
    if path.is_file() and not _older_version(path):
        return path
    # Imported here, not at the top: build.py imports this module for normalise() and the schema version.
    from .build import build_gazetteer, progress_bars

    log.info("gazetteer %s missing or outdated; building it", path)
    if not progress:
        build_gazetteer(path)
        return path
    with progress_bars() as report:
        build_gazetteer(path, progress=report)
    return path
