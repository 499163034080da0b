"""The actor lexicon: ACLED-style names, kinds and aliases read from YAML that users extend.

The packaged ``sitrep/data/actors.yaml`` is read first, then the user's files in order; an entry
whose id is already known replaces the earlier one. ``sitrep/data/demonyms.yaml`` gives each
country's ACLED name and the demonyms that mark its forces ("Afghan" -> AF).

The PhraseMatchers that find aliases and generic references in a Doc are built once per Lexicon
and vocabulary (:meth:`Lexicon.matchers`) and cached on the Lexicon: building them per document
would cost more than the parse.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..errors import ResourceError, UsageError
from ..records import ActorKind

__all__ = ["Lexicon", "LexiconEntry", "Matchers", "GENERIC_PHRASES", "fold"]

log = logging.getLogger(__name__)

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# State-forces ids carry their country and period: mil.af.2021, pol.sd.2019 (or mil.af).
_STATE_ID = re.compile(r"^(mil|pol)\.([a-z]{2})(?:\.(\d{4}))?$")
_FORCE_PREFIX = {"military": "mil", "police": "pol"}
_FORCE_TITLE = {"mil": "Military Forces", "pol": "Police Forces"}

# ACLED's collective actors: name pattern and kind ("Unidentified Armed Group" is inter 3).
_COLLECTIVE = {
    "civilians": ("civ", "Civilians", "Civilians"),
    "protesters": ("prot", "Protesters", "Protesters"),
    "rioters": ("riot", "Rioters", "Rioters"),
    "unidentified": ("uag", "Unidentified Armed Group", "Political militia"),
    "gang": ("gang", "Unidentified Gang", "Political militia"),
}

#: Generic references by category, matched case-insensitively. ``armed`` and ``gang`` resolve
#: to the document's most salient named armed group; ``forces`` needs a country before it
#: ("Russian forces", "Sudan's military"), bare "forces" is no actor.
GENERIC_PHRASES: dict[str, tuple[str, ...]] = {
    "armed": (
        "militants", "militant", "insurgents", "insurgent", "rebels", "rebel fighters", "rebel forces",
        "rebel group", "gunmen", "gunman", "jihadists", "jihadist", "attackers", "attacker", "fighters",
        "militiamen", "militiaman", "militia", "militias", "extremists", "terrorists", "assailants",
        "the group", "the movement", "insurgent group", "suicide bomber",
    ),
    "unidentified": (
        "unknown gunmen", "unidentified gunmen", "unidentified armed men", "unknown armed men", "armed men",
        "unidentified attackers", "unknown attackers", "unidentified assailants", "unknown assailants",
        "armed group", "armed groups", "unidentified armed group", "bandits", "bandit", "armed bandits",
    ),
    "gang": ("gangs", "gang members", "gang member", "gangsters"),
    "military": (
        "soldiers", "soldier", "troops", "army", "the military", "government forces", "government troops",
        "government soldiers", "security forces", "armed forces", "regime forces", "junta", "junta forces",
        "servicemen", "paratroopers", "commandos", "special forces", "air force", "military forces",
        "security personnel", "military personnel", "service members",
    ),
    # "a military base": the mention is "military" alone (see actors._generic).
    "military_target": (
        "military base", "military bases", "military post", "military outpost", "military convoy",
        "military checkpoint", "military vehicle", "military vehicles", "military positions", "military unit",
        "military camp",
    ),
    "forces": ("forces", "military"),
    "police": (
        "police", "policemen", "policeman", "police officers", "police officer", "policewomen",
        "gendarmes", "gendarmerie", "riot police",
    ),
    "protesters": ("protesters", "protester", "protestors", "protestor", "demonstrators", "demonstrator"),
    "rioters": ("rioters", "rioter"),
    "civilians": (
        "civilians", "civilian", "residents", "villagers", "passengers", "worshippers", "worshipers",
        "children", "women", "farmers", "pilgrims", "shoppers", "displaced people", "child", "woman", "boy",
        "girl", "boys", "girls", "elder", "elders", "shepherd", "shepherds", "farmer", "teacher", "teachers",
        "driver", "drivers", "aid worker", "aid workers", "health workers",
    ),
}

_FOLD_TABLE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bf": "'", "\u02be": "'", "`": "'",
    "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-",
    "\u0131": "i", "\u00f8": "o", "\u00d8": "O", "\u0111": "d", "\u0142": "l", "\u0141": "L",
    "\u00df": "ss", "\u00e6": "ae", "\u00c6": "AE",
})
# Letters that folding changes (Latin-1 to Latin Extended Additional); curly quotes and dashes
# alone do not call for a folded second pass.
_ACCENTED = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")
# "al-Shabaab" is also written "al Shabaab".
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def fold(text: str) -> str:
    """ASCII-fold ``text``: strip diacritics, straighten quotes and dashes ("Taḥrīr" -> "Tahrir")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_TABLE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class LexiconEntry(BaseModel):
    """One named actor: ``{id, name, kind, country, aliases, valid, parent}``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    name: str = Field(min_length=1)
    kind: ActorKind
    country: Optional[str] = Field(None, pattern=r"^[A-Z]{2}$")
    aliases: tuple[str, ...] = ()
    valid: Optional[tuple[int, Optional[int]]] = None
    parent: Optional[str] = None

    @field_validator("aliases")
    @classmethod
    def _clean_aliases(cls, aliases: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(dict.fromkeys(a.strip() for a in aliases))
        if any(not a for a in cleaned):
            raise ValueError("an alias is empty")
        return cleaned

    @field_validator("valid")
    @classmethod
    def _ordered(cls, valid: Optional[tuple[int, Optional[int]]]) -> Optional[tuple[int, Optional[int]]]:
        if valid and valid[1] is not None and valid[1] < valid[0]:
            raise ValueError("valid: the last year comes before the first")
        return valid

    def valid_in(self, year: Optional[int]) -> bool:
        """Whether the entry names an actor that existed in ``year`` (always, when unknown)."""
        if year is None or self.valid is None:
            return True
        start, end = self.valid
        return start <= year and (end is None or year <= end)


@dataclass
class Matchers:
    """PhraseMatchers for one vocabulary: ``orth`` (aliases as written) and ``lower``
    (folded, case-insensitive: multiword aliases and generic phrases)."""

    orth: PhraseMatcher
    lower: PhraseMatcher
    #: match id -> lexicon ids sharing that alias, in lexicon order
    ids: dict[int, tuple[str, ...]] = field(default_factory=dict)
    #: match id -> generic category
    generic: dict[int, str] = field(default_factory=dict)

    def folded(self, doc: Doc, text: Optional[str] = None) -> Doc:
        """``doc`` itself, or a token-aligned copy with diacritics stripped when it has any
        (``text``: ``doc.text`` if the caller has it already)."""
        if not _ACCENTED.search(doc.text if text is None else text):
            return doc
        words = [fold(t.text) or t.text for t in doc]
        return Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])


@dataclass(frozen=True)
class _Country:
    code: str
    name: str
    demonyms: tuple[str, ...]


class Lexicon:
    """Named actors, countries and demonyms; load with :meth:`Lexicon.load`."""

    def __init__(self, entries: dict[str, LexiconEntry], countries: dict[str, _Country],
                 ethnic: Sequence[str] = (), also: Optional[dict[str, str]] = None):
        self._entries = entries
        self._countries = countries
        self._ethnic = frozenset(fold(e).casefold() for e in ethnic)
        self._demonyms = {fold(d).casefold(): c.code for c in countries.values() for d in c.demonyms}
        self._names = {fold(c.name).casefold(): c.code for c in countries.values()}
        self._names.update({fold(k).casefold(): v for k, v in (also or {}).items()})
        self._periods: dict[tuple[str, str], list[LexiconEntry]] = {}
        for entry in entries.values():
            found = _STATE_ID.match(entry.id)
            if found and found.group(3):
                self._periods.setdefault((found.group(2).upper(), found.group(1)), []).append(entry)
        self._matchers: dict[int, tuple[Vocab, Matchers]] = {}

    @classmethod
    def load(cls, paths: Sequence[str | Path] = ()) -> "Lexicon":
        """The packaged lexicon, then each user YAML file in ``paths`` (later ids override).

        Raises:
            ResourceError: a file is missing, not YAML, or has a malformed entry.
        """
        data = resources.files("sitrep").joinpath("data")
        entries: dict[str, LexiconEntry] = {}
        sources: dict[str, str] = {}
        files = [("sitrep/data/actors.yaml", data.joinpath("actors.yaml").read_text(encoding="utf-8"))]
        files += [(str(p), _read(p)) for p in paths]
        for name, text in files:
            for entry in _parse_actors(name, text):
                entries[entry.id] = entry
                sources[entry.id] = name
        _check_parents(entries, sources)
        countries, ethnic, also = _parse_countries(data.joinpath("demonyms.yaml").read_text(encoding="utf-8"))
        log.debug("lexicon: %d actors, %d countries", len(entries), len(countries))
        return cls(entries, countries, ethnic, also)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[LexiconEntry]:
        return iter(self._entries.values())

    def get(self, actor_id: str) -> Optional[LexiconEntry]:
        """The entry with id ``actor_id``, or None."""
        return self._entries.get(actor_id)

    def country_of_demonym(self, word: str) -> Optional[str]:
        """ISO alpha-2 code of a demonym: "Afghan" -> "AF", "Burkinabè" -> "BF"; None if unknown."""
        return self._demonyms.get(fold(word).casefold())

    def country_of_name(self, name: str) -> Optional[str]:
        """ISO alpha-2 code of a country name as news writes it: "Sudan", "DRC", "Burma"."""
        return self._names.get(fold(name).casefold())

    def country_name(self, country: str) -> str:
        """ACLED's name for the country ``country`` (ISO alpha-2); the code itself if unknown."""
        known = self._countries.get(country.upper())
        return known.name if known else country.upper()

    def has_country(self, code: str) -> bool:
        """Whether ``code`` is an ISO alpha-2 code of a known country ("SD"; not "sd")."""
        return code in self._countries

    def is_ethnic(self, word: str) -> bool:
        """Whether ``word`` names an ethnic or communal group ("Fulani", "Hema")."""
        return fold(word).casefold() in self._ethnic

    def state_forces(self, country: Optional[str], kind: str = "military",
                     year: Optional[int] = None) -> LexiconEntry:
        """The state's military or police in ``year``: "Military Forces of Afghanistan (2021-)".

        Without a year, the current (open-ended) period. When the lexicon lists no period for
        the country or year, a generic "Military Forces of <Country>" (id ``mil.<cc>``).
        """
        prefix = _FORCE_PREFIX.get(kind)
        if prefix is None:
            raise UsageError(f"unknown kind of state forces {kind!r}", input=kind,
                             hint=f"use one of {sorted(_FORCE_PREFIX)}")
        if country is None:
            return LexiconEntry.model_construct(id=prefix, name=_FORCE_TITLE[prefix], kind="State forces")
        code = country.upper()
        period = _period_for(self._periods.get((code, prefix), []), year)
        if period is not None:
            return period
        return self._entries.get(f"{prefix}.{code.lower()}") or LexiconEntry.model_construct(
            id=f"{prefix}.{code.lower()}", name=f"{_FORCE_TITLE[prefix]} of {self.country_name(code)}",
            kind="State forces", country=code)

    def collective(self, kind: str, country: Optional[str]) -> LexiconEntry:
        """ACLED's collective actor of a country: ``kind`` is civilians, protesters, rioters,
        unidentified ("Unidentified Armed Group (Nigeria)") or gang."""
        if kind not in _COLLECTIVE:
            raise UsageError(f"unknown collective actor {kind!r}", input=kind, hint=f"use one of {sorted(_COLLECTIVE)}")
        prefix, title, actor_kind = _COLLECTIVE[kind]
        if country is None:
            return LexiconEntry.model_construct(id=prefix, name=title, kind=actor_kind)
        code = country.upper()
        return self._entries.get(f"{prefix}.{code.lower()}") or LexiconEntry.model_construct(
            id=f"{prefix}.{code.lower()}", name=f"{title} ({self.country_name(code)})", kind=actor_kind,
            country=code)

    def resolve(self, ids: Sequence[str], country: Optional[str], year: Optional[int]) -> LexiconEntry:
        """The entry an alias shared by ``ids`` means in an article about ``country`` in ``year``.

        Entries valid in the year first; among them the article's country, then transnational
        entries, then lexicon order. A state-forces period outside the year gives way to the
        period of that year ("Tatmadaw" in 2018 -> the 2016-2021 period).
        """
        entries = [self._entries[i] for i in ids]
        alive = [e for e in entries if e.valid_in(year)] or entries
        chosen = next((e for e in alive if country and e.country == country), None)
        chosen = chosen or next((e for e in alive if e.country is None), None) or alive[0]
        found = _STATE_ID.match(chosen.id)
        if found and year is not None and not chosen.valid_in(year):
            kind = "military" if found.group(1) == "mil" else "police"
            return self.state_forces(found.group(2).upper(), kind, year)
        return chosen

    def matchers(self, vocab: Vocab) -> Matchers:
        """The alias and generic-phrase matchers for ``vocab``, built on first use and cached."""
        cached = self._matchers.get(id(vocab))
        if cached is None or cached[0] is not vocab:
            cached = (vocab, _build_matchers(self._entries.values(), vocab))
            self._matchers[id(vocab)] = cached
        return cached[1]


def _period_for(periods: list[LexiconEntry], year: Optional[int]) -> Optional[LexiconEntry]:
    # Periods overlap in their transition year (2014-2021, 2021-): the later one wins, as the
    # year's later months are the likelier to be reported on.
    candidates = [p for p in periods if p.valid_in(year)] if year is not None else \
        [p for p in periods if p.valid is None or p.valid[1] is None]
    if not candidates:
        return None
    return max(candidates, key=lambda p: p.valid[0] if p.valid else 0)


def _read(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ResourceError(f"cannot read lexicon: {err}", input=str(path),
                            hint="check the path in [actors] lexicons") from err


def _load_yaml(name: str, text: str) -> Any:
    try:
        return yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as err:
        raise ResourceError(f"not valid YAML: {err}".replace("\n", " "), input=name,
                            hint="fix the YAML syntax at the line shown") from err


def _parse_actors(name: str, text: str) -> list[LexiconEntry]:
    data = _load_yaml(name, text)
    items = data.get("actors") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ResourceError("a lexicon is a list of entries, or a mapping with an 'actors' list", input=name,
                            hint="see the header of sitrep/data/actors.yaml for the format")
    entries: list[LexiconEntry] = []
    seen: set[str] = set()
    for number, item in enumerate(items, 1):
        label = f"entry {number}" + (f" ({item.get('id')!r})" if isinstance(item, dict) and item.get("id") else "")
        try:
            entry = LexiconEntry.model_validate(item)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "entry"
            raise ResourceError(f"{label}: {where}: {first['msg']}", input=name,
                                hint="each entry needs id, name and an ACLED kind; see sitrep/data/actors.yaml") from err
        if entry.id in seen:
            raise ResourceError(f"{label}: id {entry.id!r} appears twice in this file", input=name,
                                hint="give each entry its own id; to replace a packaged entry, list it once")
        seen.add(entry.id)
        entries.append(entry)
    return entries


def _check_parents(entries: dict[str, LexiconEntry], sources: dict[str, str]) -> None:
    for entry in entries.values():
        if entry.parent is not None and entry.parent not in entries:
            raise ResourceError(f"entry {entry.id!r}: parent {entry.parent!r} is not in the lexicon",
                                input=sources[entry.id], hint="add the parent entry or remove 'parent'")


def _parse_countries(text: str) -> tuple[dict[str, _Country], list[str], dict[str, str]]:
    data = _load_yaml("sitrep/data/demonyms.yaml", text)
    countries: dict[str, _Country] = {}
    also: dict[str, str] = {}
    for code, info in data["countries"].items():
        if not (isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code)):
            raise ResourceError(f"country key {code!r} is not an ISO alpha-2 code", input="sitrep/data/demonyms.yaml",
                                hint="quote codes YAML reads as booleans, e.g. \"NO\"")
        countries[code] = _Country(code, info["name"], tuple(info.get("demonyms") or ()))
        also.update({name: code for name in info.get("also") or ()})
    return countries, list(data.get("ethnic_groups") or ()), also


def _variants(alias: str) -> set[str]:
    """Spellings of ``alias`` to match as written: folded, either apostrophe, hyphen or space."""
    found = {alias, fold(alias)}
    for text in list(found):
        found.add(text.replace("'", "\u2019"))
        if _INNER_HYPHEN.search(text):
            found.add(_INNER_HYPHEN.sub(" ", text))
    return found


def _lower_patterns(alias: str, tokenizer) -> list[Doc]:
    """Case-insensitive patterns for a multiword alias; none for single words and initials.

    FIELD-NOTES: case-insensitive matching turns common words into names, so single tokens
    and anything with initials ("IS Sahel") match only as written.
    """
    out = []
    for text in {fold(alias), _INNER_HYPHEN.sub(" ", fold(alias))}:
        doc = tokenizer(text)
        if len(doc) >= 2 and not any(t.is_upper and len(t) >= 2 for t in doc):
            out.append(doc)
    return out


def _build_matchers(entries, vocab: Vocab) -> Matchers:
    tokenizer = English(vocab=vocab).tokenizer
    found = Matchers(PhraseMatcher(vocab, attr="ORTH"), PhraseMatcher(vocab, attr="LOWER"))
    orth: dict[str, list[str]] = {}
    lower: dict[str, list[str]] = {}
    for entry in entries:
        for alias in entry.aliases:
            for text in _variants(alias):
                orth.setdefault(text, []).append(entry.id)
            for doc in _lower_patterns(alias, tokenizer):
                lower.setdefault(doc.text.lower(), []).append(entry.id)
    for table, matcher, prefix in ((orth, found.orth, "a:"), (lower, found.lower, "l:")):
        for text, ids in table.items():
            key = vocab.strings.add(prefix + text)
            found.ids[key] = tuple(dict.fromkeys(ids))
            matcher.add(prefix + text, [tokenizer(text)])
    for category, phrases in GENERIC_PHRASES.items():
        key = vocab.strings.add("g:" + category)
        found.generic[key] = category
        found.lower.add("g:" + category, list(tokenizer.pipe(phrases)))
    log.debug("actor matchers: %d as written, %d folded", len(orth), len(lower))
    return found
