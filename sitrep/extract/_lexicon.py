"""The actor lexicon: ACLED-style names, kinds and aliases read from YAML that users extend.

The packaged ``sitrep/data/actors.yaml`` is read first, then the user's files in order; an entry
whose id is already known replaces the earlier one. ``sitrep/data/demonyms.yaml`` gives each
country's ACLED name and the demonyms that mark its forces ("Afghan" -> AF).

The PhraseMatchers that find aliases and generic references in a Doc are built once per Lexicon
and vocabulary (:meth:`Lexicon.matchers`) and cached on the Lexicon: building them per document
would cost more than the parse.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence, Union

import numpy
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from spacy.attrs import IS_ASCII
from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..errors import ResourceError, UsageError
from ..records import ActorKind

__all__ = ["Lexicon", "LexiconEntry", "Matchers", "When", "GENERIC_PHRASES", "fold"]

log = logging.getLogger(__name__)

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: When an article is about: its year, or its date to settle a year of transition.
When = Union[int, dt.date, None]

# State-forces ids carry their country and period: mil.af.2021, pol.sd.2019 (or mil.af); a
# state's government (ACLED "Government of <Country>", inter 1 like its forces) is gov.<cc>.
_STATE_ID = re.compile(r"^(mil|pol|gov)\.([a-z]{2})(?:\.(\d{4}))?$")
_ISO2 = re.compile(r"[A-Z]{2}")
_FORCE_PREFIX = {"military": "mil", "police": "pol", "government": "gov"}
_FORCE_KIND = {prefix: kind for kind, prefix in _FORCE_PREFIX.items()}
_FORCE_TITLE = {"mil": "Military Forces", "pol": "Police Forces", "gov": "Government"}

# ACLED's collective actors: name pattern and kind ("Unidentified Armed Group" is inter 3).
_COLLECTIVE = {
    "civilians": ("civ", "Civilians", "Civilians"),
    "protesters": ("prot", "Protesters", "Protesters"),
    "rioters": ("riot", "Rioters", "Rioters"),
    "unidentified": ("uag", "Unidentified Armed Group", "Political militia"),
    "gang": ("gang", "Unidentified Gang", "Political militia"),
    "clan": ("clan", "Unidentified Clan Militia", "Identity militia"),
    "communal": ("communal", "Unidentified Communal Militia", "Identity militia"),
    "tribal": ("tribal", "Unidentified Tribal Militia", "Identity militia"),
}

#: Generic references by category, matched case-insensitively. ``armed`` and ``gang`` resolve
#: to the document's most salient named armed group; ``forces`` needs a country before it
#: ("Russian forces", "Sudan's military"), bare "forces" is no actor; so does ``government``,
#: except a definite "the government" / "the authorities" (the article's own).
GENERIC_PHRASES: dict[str, tuple[str, ...]] = {
    "armed": (
        "militants", "militant", "insurgents", "insurgent", "rebels", "rebel fighters", "rebel forces",
        "rebel group", "gunmen", "gunman", "jihadists", "jihadist", "attackers", "attacker", "fighters",
        "militiamen", "militiaman", "militia", "militias", "extremists", "terrorists", "assailants",
        "the group", "the movement", "insurgent group", "suicide bomber", "the armed group", "guerrillas",
        "guerrilla", "guerrilla fighters", "rebel leaders", "rebel leader", "rebel commanders",
    ),
    "unidentified": (
        "unknown gunmen", "unidentified gunmen", "unidentified armed men", "unknown armed men", "armed men",
        "unidentified attackers", "unknown attackers", "unidentified assailants", "unknown assailants",
        "armed group", "armed groups", "unidentified armed group", "bandits", "bandit", "armed bandits",
    ),
    "gang": ("gangs", "gang members", "gang member", "gangsters"),
    "clan": ("clan militia", "clan militias", "clan militiamen", "clan fighters"),
    "communal": ("communal militia", "communal militias", "self-defence group", "self-defense group"),
    "tribal": ("tribal militia", "tribal militias", "tribal militiamen", "tribal fighters"),
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
    # a state's government and its civil organs: whose is read from the words before them
    # (_governments.government_country); "officials" of no named state are no actor
    "government": (
        "government", "governments", "authorities", "administration", "regime", "cabinet", "leadership",
        "officials", "official", "ministry", "foreign ministry", "defence ministry", "defense ministry",
        "interior ministry", "foreign minister", "defence minister", "defense minister", "interior minister",
        "prime minister", "minister", "ministers", "foreign ministers", "defence ministers", "defense ministers",
        "parliament", "intelligence", "president", "premier", "chancellor", "secretary of state", "foreign secretary",
        "emir", "king", "crown prince",
        "defence secretary", "defense secretary", "home secretary", "leader", "leaders", "diplomats", "diplomat",
        "negotiator", "negotiators", "envoy", "delegation", "embassy",
    ),
    "protesters": ("protesters", "protester", "protestors", "protestor", "demonstrators", "demonstrator"),
    "rioters": ("rioters", "rioter", "mob", "mobs", "angry mob"),
    "civilians": (
        "civilians", "civilian", "residents", "villagers", "passengers", "worshippers", "worshipers",
        "children", "women", "farmers", "pilgrims", "shoppers", "displaced people", "child", "woman", "boy",
        "girl", "boys", "girls", "elder", "elders", "shepherd", "shepherds", "farmer", "teacher", "teachers",
        "driver", "drivers", "aid worker", "aid workers", "health workers",
    ),
}

# ---------------------------------------------------------------- words that classify unlisted names
# Used by actors.py on NER entities the lexicon lacks and on the words around people.

# Words of armed-group names ("Front", "Brigades", Arabic "Katiba", "Jaysh").
ARMED_WORDS = frozenset({
    "front", "army", "brigade", "brigades", "movement", "liberation", "militia", "militias", "forces",
    "force", "mujahideen", "mujahidin", "jamaat", "jama'at", "battalion", "battalions", "resistance",
    "legion", "corps", "jihad", "katiba", "kataib", "liwa", "saraya", "harakat", "jaysh", "jaish", "ansar",
})
MILITIA_WORDS = frozenset({"militia", "militias", "vigilante", "vigilantes", "self-defence", "self-defense"})
COMMUNAL_WORDS = frozenset({"ethnic", "tribal", "clan", "communal"})
# "Islamist militia": ACLED names such militias by creed, not as ethnic ones.
CREEDS = frozenset({"islamist", "muslim", "christian", "shiite", "shia", "sunni", "salafist", "salafi",
                    "jihadist", "catholic", "buddhist", "hindu"})
# A name before these is a place the model mistook for a person ("Nahri Saraj district").
PLACE_WORDS = frozenset({
    "district", "districts", "province", "provinces", "village", "villages", "area", "areas", "city", "town",
    "region", "valley", "county", "camp", "camps", "neighbourhood", "neighborhood", "outskirts", "state",
    "municipality", "pass", "passes", "mountains", "river", "highway", "road", "bridge", "crossing", "border",
    "airport", "market", "base", "dam", "lake", "island", "governorate", "oblast", "territory",
})
# Words of outlet names; not "agency" or "press", which government bodies and clubs share.
MEDIA_WORDS = frozenset({
    "news", "times", "post", "tv", "television", "radio", "herald", "tribune", "gazette", "journal", "daily",
    "broadcasting", "telegraph", "chronicle", "newspaper",
})
ORG_WORDS = frozenset({
    "ministry", "council", "agency", "party", "union", "committee", "organization", "organisation", "commission",
    "office", "court", "government", "association", "foundation", "institute", "group", "network", "alliance",
    "federation", "coalition", "society", "service", "services", "department", "authority", "corporation",
    "programme", "program", "mission", "fund", "bank", "university", "company", "assembly", "parliament",
    "congress", "watch", "crescent", "cross", "international", "directorate", "command", "administration",
    "community", "forum",
})
# Titles before a name: not part of it, but a role when nothing better is said.
TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "gen", "general", "col", "colonel", "maj", "major", "lt", "lieutenant", "capt",
    "captain", "sgt", "brig", "brigadier", "mullah", "maulvi", "mawlawi", "sheikh", "president", "minister",
    "commander", "governor",
})
# Role nouns a name may stand in apposition to ("the governor of Kunduz, D").
ROLE_WORDS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "commander", "leader", "chief", "head", "governor", "minister",
    "official", "officer", "general", "colonel", "director", "deputy", "president", "mayor", "member", "envoy",
    "ambassador", "secretary", "adviser", "advisor", "representative", "administrator", "emir", "founder",
    "negotiator", "coordinator", "chairman", "chairwoman", "lawmaker", "senator", "legislator", "judge",
    "prosecutor", "elder", "cleric", "doctor", "witness", "resident", "journalist", "reporter", "correspondent",
    "analyst", "researcher", "activist", "monitor", "militant", "fighter", "soldier",
})

_FOLD_TABLE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bf": "'", "\u02be": "'",
    "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-",
    "\u0131": "i", "\u00f8": "o", "\u00d8": "O", "\u0111": "d", "\u0142": "l", "\u0141": "L",
    "\u00df": "ss", "\u00e6": "ae", "\u00c6": "AE",
})
# Letters that folding changes (Latin-1 to Latin Extended Additional); curly quotes and dashes
# alone do not call for a folded second pass.
_ACCENTED = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")
# "al-Shabaab" is also written "al Shabaab".
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def is_government_id(actor_id: str) -> bool:
    """Whether ``actor_id`` is a state's government ("gov.eg"), not its forces."""
    found = _STATE_ID.match(actor_id)
    return found is not None and found.group(1) == "gov"


def is_state_forces_id(actor_id: str) -> bool:
    """Whether ``actor_id`` follows the state-forces convention: "mil.af", "pol.sd.2019"."""
    return _STATE_ID.match(actor_id) is not None


def fold(text: str) -> str:
    """ASCII-fold ``text``: strip diacritics, straighten quotes and dashes ("Taḥrīr" -> "Tahrir")."""
    if text.isascii():
        return text
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
    #: first and last year (or exact date of a change of government), last None when ongoing
    valid: Optional[tuple[Union[int, dt.date], Optional[Union[int, dt.date]]]] = None
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
    def _ordered(cls, valid):
        if valid and valid[1] is not None and _last_day(valid[1]) < _first_day(valid[0]):
            raise ValueError("valid: the end comes before the start")
        return valid

    def valid_in(self, when: When) -> bool:
        """Whether the entry names an actor that existed in ``when`` (a year or a date; always if None)."""
        return self.overlap(when) > 0

    def overlap(self, when: When) -> int:
        """Days of ``when`` (a year or a date) the entry covers; 1 for any entry when ``when`` is None."""
        if when is None:
            return 1
        low, high = (when, when) if isinstance(when, dt.date) else (dt.date(when, 1, 1), dt.date(when, 12, 31))
        start, end = (dt.date.min, dt.date.max) if self.valid is None else \
            (_first_day(self.valid[0]), _last_day(self.valid[1]))
        return max(0, (min(high, end) - max(low, start)).days + 1)


def _first_day(bound: Union[int, dt.date]) -> dt.date:
    return bound if isinstance(bound, dt.date) else dt.date(bound, 1, 1)


def _last_day(bound: Optional[Union[int, dt.date]]) -> dt.date:
    if bound is None:
        return dt.date.max
    return bound if isinstance(bound, dt.date) else dt.date(bound, 12, 31)


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

    def folded(self, doc: Doc) -> Doc:
        """``doc`` itself, or a token-aligned copy with diacritics stripped when it has any."""
        # IS_ASCII comes as one array: most articles are ASCII and cost no Python loop.
        odd = numpy.flatnonzero(doc.to_array(IS_ASCII) == 0)
        if not any(_ACCENTED.search(doc[int(i)].text) for i in odd):
            return doc
        words = [t.text for t in doc]
        for i in odd:
            words[i] = fold(words[i]) or words[i]
        return Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])


@dataclass(frozen=True)
class _Country:
    code: str
    name: str
    demonyms: tuple[str, ...]


class Lexicon:
    """Named actors, countries and demonyms; load with :meth:`Lexicon.load`."""

    def __init__(self, entries: dict[str, LexiconEntry], countries: dict[str, _Country],
                 ethnic: Sequence[str] = (), also: Optional[dict[str, str]] = None, homographs: Sequence[str] = ()):
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
        self._generic: dict[str, LexiconEntry] = {}
        self._forces: dict[tuple[str, str, When], LexiconEntry] = {}
        #: aliases that are also common words ("PDF"): names only in their actor's own country
        self.homographs = frozenset(homographs)

    @classmethod
    def load(cls, paths: Sequence[str | Path] = ()) -> "Lexicon":
        """The packaged lexicon, then each user YAML file in ``paths`` (later ids override).

        Raises:
            ResourceError: a file is missing, not YAML, or has a malformed entry.
        """
        data = resources.files("sitrep").joinpath("data")
        entries: dict[str, LexiconEntry] = {}
        sources: dict[str, str] = {}
        homographs: set[str] = set()
        files = [("sitrep/data/actors.yaml", data.joinpath("actors.yaml").read_text(encoding="utf-8"))]
        files += [(str(p), _read(p)) for p in paths]
        for name, text in files:
            found, words = _parse_actors(name, text)
            for entry in found:
                entries[entry.id] = entry
                sources[entry.id] = name
            homographs.update(words)
        _check_parents(entries, sources)
        countries, ethnic, also = _parse_countries(data.joinpath("demonyms.yaml").read_text(encoding="utf-8"))
        log.debug("lexicon: %d actors, %d countries", len(entries), len(countries))
        return cls(entries, countries, ethnic, also, sorted(homographs))

    def __getstate__(self) -> dict[str, Any]:
        # Matchers belong to one process's vocabulary: a pickled Lexicon (e.g. sent to a Dask
        # worker) rebuilds them there on first use.
        state = dict(self.__dict__)
        state["_matchers"] = {}
        return state

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

    def state_forces(self, country: Optional[str], kind: str = "military", year: When = None) -> LexiconEntry:
        """The state's military, police or government in ``year``: "Military Forces of Afghanistan (2021-)",
        "Government of Egypt".

        ``year`` may be a date, which settles a year of transition (Afghanistan, 15 August 2021);
        given a year, the period covering most of it. Without either, the current period. When the lexicon lists no period for
        the country or year, a generic "Military Forces of <Country>" (id ``mil.<cc>``).
        """
        prefix = _FORCE_PREFIX.get(kind)
        if prefix is None:
            raise UsageError(f"unknown kind of state forces {kind!r}", input=kind,
                             hint=f"use one of {sorted(_FORCE_PREFIX)}")
        if country is None:
            return self._made(prefix, _FORCE_TITLE[prefix], "State forces", None)
        key = (country.upper(), prefix, year)
        if key not in self._forces:     # asked for every "soldiers" of every article: remember
            code = key[0]
            self._forces[key] = _period_for(self._periods.get((code, prefix), []), year) or \
                self._entries.get(f"{prefix}.{code.lower()}") or self._made(
                    f"{prefix}.{code.lower()}", f"{_FORCE_TITLE[prefix]} of {self.country_name(code)}",
                    "State forces", code)
        return self._forces[key]

    def collective(self, kind: str, country: Optional[str]) -> LexiconEntry:
        """ACLED's collective actor of a country: ``kind`` is civilians, protesters, rioters,
        unidentified ("Unidentified Armed Group (Nigeria)") or gang."""
        if kind not in _COLLECTIVE:
            raise UsageError(f"unknown collective actor {kind!r}", input=kind, hint=f"use one of {sorted(_COLLECTIVE)}")
        prefix, title, actor_kind = _COLLECTIVE[kind]
        if country is None:
            return self._made(prefix, title, actor_kind, None)
        code = country.upper()
        return self._entries.get(f"{prefix}.{code.lower()}") or self._made(
            f"{prefix}.{code.lower()}", f"{title} ({self.country_name(code)})", actor_kind, code)

    def _made(self, actor_id: str, name: str, kind: str, country: Optional[str]) -> LexiconEntry:
        """A generic entry the lexicon does not list, made once and reused."""
        made = self._generic.get(actor_id)
        if made is None:
            made = self._generic[actor_id] = LexiconEntry.model_construct(
                id=actor_id, name=name, kind=kind, country=country)
        return made

    def resolve(self, ids: Sequence[str], country: Optional[str], year: When) -> LexiconEntry:
        """The entry an alias shared by ``ids`` means in an article about ``country`` in ``year``.

        Entries of the article's country first, else transnational ones; among them the one that
        covers most of ``year`` (a year or a date), the first listed on ties. A state-forces period
        outside the year gives way to the period of that year ("Tatmadaw" in 2018 -> 2016-2021).
        """
        entries = [self._entries[i] for i in ids]
        pool = [e for e in entries if country and e.country == country] or \
            [e for e in entries if e.country is None] or entries
        chosen = max(pool, key=lambda e: e.overlap(year))
        found = _STATE_ID.match(chosen.id)
        if found and year is not None and not chosen.valid_in(year):
            return self.state_forces(found.group(2).upper(), _FORCE_KIND[found.group(1)], year)
        return chosen

    def matchers(self, vocab: Vocab) -> Matchers:
        """The alias and generic-phrase matchers for ``vocab``, built on first use and cached."""
        cached = self._matchers.get(id(vocab))
        if cached is None or cached[0] is not vocab:
            cached = (vocab, _build_matchers(self._entries.values(), vocab))
            self._matchers[id(vocab)] = cached
        return cached[1]


def _period_for(periods: list[LexiconEntry], when: When) -> Optional[LexiconEntry]:
    # In a year of transition (Afghanistan 2021) the period covering more of the year wins;
    # a date settles it. Without either, the current period.
    if when is None:
        current = [p for p in periods if p.valid is None or p.valid[1] is None]
        return max(current, key=lambda p: _first_day(p.valid[0]) if p.valid else dt.date.min, default=None)
    best = max(periods, key=lambda p: (p.overlap(when), _first_day(p.valid[0]) if p.valid else dt.date.min),
               default=None)
    return best if best is not None and best.overlap(when) > 0 else None


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
        raise ResourceError("not valid YAML: " + " ".join(str(err).split()), input=name,
                            hint="fix the YAML syntax at the line shown") from err


_ENTRY_HINT = "each entry needs id, name and an ACLED kind; see the header of sitrep/data/actors.yaml"


def _parse_actors(name: str, text: str) -> tuple[list[LexiconEntry], list[str]]:
    """The entries of one lexicon file, and its ``homographs`` list."""
    data = _load_yaml(name, text)
    items = data.get("actors") if isinstance(data, dict) else data
    homographs = data.get("homographs") or [] if isinstance(data, dict) else []
    if not isinstance(items, list) or not isinstance(homographs, list):
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
                                hint=_ENTRY_HINT) from err
        if entry.id in seen:
            raise ResourceError(f"{label}: id {entry.id!r} appears twice in this file", input=name,
                                hint="give each entry its own id; to replace a packaged entry, list it once")
        seen.add(entry.id)
        entries.append(entry)
    return entries, [str(word) for word in homographs]


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
        if not (isinstance(code, str) and _ISO2.fullmatch(code)):
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
