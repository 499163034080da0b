"""Event triggers and casualty cues: the ``sitrep_triggers`` spaCy component.

The lexicon (``data/triggers.yaml``) lists phrases in lemma form. Matching compares each
phrase word with a token's lemma *or* lower-cased form, longest match first, so
"air strikes", "shot down" and "clashes" all match without a lemma-aware PhraseMatcher.
Results go to ``doc.spans["sitrep_triggers"]`` (label = the entry's index, see
:meth:`TriggerLexicon.entry`) and ``doc.spans["sitrep_cues"]`` (label = the claim kind).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..errors import ResourceError

__all__ = ["TriggerEntry", "TriggerLexicon", "TriggerTagger", "make_triggers", "has_phrase", "TRIGGERS", "CUES", "RULE"]

log = logging.getLogger(__name__)

TRIGGERS = "sitrep_triggers"
#: label prefix of a trigger found by a verb + object rule ("rule0", "rule1"…)
RULE = "rule"
CUES = "sitrep_cues"


@dataclass(frozen=True)
class TriggerEntry:
    event_type: str
    sub_event_type: str
    priority: int
    generic: bool = False
    needs: frozenset[str] = frozenset()


@dataclass
class _PhraseIndex:
    """First word → [(words, label)], longest phrases first."""

    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)

    def add(self, phrase: str, label: str) -> None:
        words = tuple(phrase.lower().split())
        if words:
            self.by_first.setdefault(words[0], []).append((words, label))

    def finish(self) -> None:
        for options in self.by_first.values():
            options.sort(key=lambda item: -len(item[0]))

    def match(self, doc: Doc, keys: Optional[list[tuple[str, str]]] = None) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, label) token matches, longest first at each position.

        ``keys`` are the tokens' (lemma, lower form) pairs, computed once per doc by the caller."""
        keys = keys if keys is not None else token_keys(doc)
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(keys):
            hit = self._match_at(keys, i, doc)
            if hit:
                found.append(hit)
                i = hit[1]
            else:
                i += 1
        return found

    def _match_at(self, keys, i: int, doc: Doc) -> Optional[tuple[int, int, str]]:
        lemma, lower = keys[i]
        if lemma not in self.by_first and lower not in self.by_first:
            return None
        candidates = self.by_first.get(lemma, []) + (self.by_first.get(lower, []) if lower != lemma else [])
        for words, label in sorted(candidates, key=lambda item: -len(item[0])):
            end = i + len(words)
            if end > len(keys):
                continue
            if all(w in keys[i + k] for k, w in enumerate(words)):
                # single words inside dates or names ("March", "Rally Party") are not triggers
                if len(words) == 1 and doc[i].ent_type_ in {"DATE", "PERSON", "GPE", "ORG", "TIME"}:
                    continue
                return i, end, label
        return None


def token_keys(doc: Doc) -> list[tuple[str, str]]:
    """(lemma, lower form) of every token, lower-cased: what trigger phrases are compared with."""
    return [(t.lemma_.lower(), t.lower_) for t in doc]


class TriggerLexicon:
    """The event triggers, protest modifiers and casualty cues of one or more YAML files."""

    def __init__(self, data: dict, source: str = "triggers.yaml"):
        try:
            self.entries = [
                TriggerEntry(
                    event_type=e["event_type"],
                    sub_event_type=e["sub_event_type"],
                    priority=int(e["priority"]),
                    generic=bool(e.get("generic", False)),
                    needs=frozenset(e.get("needs", [])),
                )
                for e in data["events"]
            ]
            self.events = _PhraseIndex()
            for index, entry in enumerate(data["events"]):
                for phrase in entry["phrases"]:
                    self.events.add(str(phrase), str(index))
            self.cues = _PhraseIndex()
            for kind, phrases in data["casualties"].items():
                for phrase in phrases:
                    self.cues.add(str(phrase), kind)
            self.rules = [_ObjectRule.of(rule) for rule in data.get("object_rules") or []]
            self.non_events = [tuple(str(p).lower().split()) for p in data.get("non_events") or []]
            self.weapons = {str(k).lower(): str(v).upper() for k, v in (data.get("weapons") or {}).items()}
            self.protest_modifiers = {
                key: [tuple(str(p).lower().split()) for p in values]
                for key, values in data.get("protest_modifiers", {}).items()
            }
        except (KeyError, TypeError, ValueError) as err:
            raise ResourceError(f"malformed trigger lexicon: {err!r}", input=source) from err
        self.events.finish()
        self.cues.finish()

    @classmethod
    def load(cls, path: Optional[str | Path] = None) -> "TriggerLexicon":
        """The packaged lexicon, or the YAML file at ``path``."""
        if path is None:
            return _packaged()
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as err:
            raise ResourceError(f"cannot read trigger lexicon: {err}", input=str(path)) from err
        return cls(data, source=str(path))

    def entry(self, label: str) -> TriggerEntry:
        if label.startswith(RULE):
            return self.rules[int(label[len(RULE):])].entry
        return self.entries[int(label)]

    def rule_matches(self, doc: Doc, keys: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
        """(verb, object, label) for every verb + object rule that fires ("seized two drones")."""
        found = []
        for i, (lemma, lower) in enumerate(keys):
            for index, rule in enumerate(self.rules):
                if (lemma in rule.verbs or lower in rule.verbs) and doc[i].pos_ == "VERB":
                    obj = rule.object_of(doc[i])
                    if obj is not None:
                        found.append((i, obj, f"{RULE}{index}"))
                        break
        return found


@dataclass(frozen=True)
class _ObjectRule:
    """A verb whose object is one of some nouns (or a toponym): see ``object_rules`` in the YAML."""

    entry: TriggerEntry
    verbs: frozenset[str]
    objects: frozenset[str]
    places: bool = False
    claims_object: bool = False

    @classmethod
    def of(cls, data: dict) -> "_ObjectRule":
        entry = TriggerEntry(event_type=data["event_type"], sub_event_type=data["sub_event_type"],
                             priority=int(data["priority"]))
        return cls(entry, frozenset(data["verbs"]), frozenset(data["objects"]), bool(data.get("places")),
                   bool(data.get("claims_object")))

    def object_of(self, verb: Token) -> Optional[int]:
        for obj in verb.children:
            if obj.dep_ not in {"dobj", "nsubjpass"}:
                continue
            if obj.lemma_.lower() in self.objects or (self.places and obj.ent_type_ in {"GPE", "LOC", "FAC"}):
                return obj.i
        return None


@lru_cache(maxsize=1)
def _packaged() -> TriggerLexicon:
    text = resources.files("sitrep").joinpath("data/triggers.yaml").read_text(encoding="utf-8")
    return TriggerLexicon(yaml.safe_load(text), source="sitrep/data/triggers.yaml")


class TriggerTagger:
    """spaCy component: marks event triggers and casualty cues as span groups."""

    def __init__(self, lexicon: TriggerLexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        keys = token_keys(doc)
        rules = self.lexicon.rule_matches(doc, keys)
        # a seized drone or a found mine is no air strike or IED: such objects are no triggers
        claimed = {obj for _, obj, label in rules if self.lexicon.rules[int(label[len(RULE):])].claims_object}
        triggers = [Span(doc, s, e, label=lab) for s, e, lab in self.lexicon.events.match(doc, keys) if s not in claimed]
        # a phrase that needs other words in its sentence ("torch" needs a crowd) may yet fall: the verb + object
        # reading of the same word ("torched two villages": property destruction) stays beside it
        taken = {t.start for t in triggers if not self.lexicon.entry(t.label_).needs}
        triggers += [Span(doc, verb, verb + 1, label=label) for verb, _, label in rules if verb not in taken]
        doc.spans[TRIGGERS] = sorted(triggers, key=lambda span: span.start)
        doc.spans[CUES] = [Span(doc, s, e, label=lab) for s, e, lab in self.lexicon.cues.match(doc, keys)]
        return doc


def make_triggers(nlp: Language, name: str, lexicon_path: Optional[str]) -> TriggerTagger:
    """Factory for ``nlp.add_pipe("sitrep_triggers")``; ``lexicon_path`` null = the packaged lexicon."""
    return TriggerTagger(TriggerLexicon.load(lexicon_path))


def has_phrase(tokens: Iterable, phrases: Iterable[tuple[str, ...]]) -> bool:
    """Whether any phrase (lemma words) occurs in ``tokens``."""
    keys = [(t.lemma_.lower(), t.lower_) for t in tokens]
    present = {k for pair in keys for k in pair}
    for words in phrases:
        if not all(w in present for w in words):
            continue  # most phrases share no word with the sentence: skip the scan
        for i in range(len(keys) - len(words) + 1):
            if all(w in keys[i + k] for k, w in enumerate(words)):
                return True
    return False
