"""Who "he", "she" and "the spokesman" are: antecedents for pronoun and role-noun speakers.

Used by :mod:`.quotes`: a speaker that is a pronoun or a bare role noun ("the governor
said") takes the nearest earlier named person of the same role, or the nearest named
person within a few paragraphs, never an organisation or a place.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, NamedTuple, Optional, Sequence

from spacy.tokens import Doc, Span, Token

if TYPE_CHECKING:
    from .quotes import _Attribution

__all__ = ["ROLES", "PERSON_NOUNS", "PRONOUNS", "Antecedents", "char_range"]

PRONOUNS = frozenset({"he", "she"})


def char_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets of tokens ``[start, end)``."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


# Role nouns that introduce a named person ("rebel spokesman Ahmad Karimi") and are
# later used alone ("the spokesman said"); synonyms share one canonical role.
ROLES = {"spokesman": "spokesperson", "spokeswoman": "spokesperson"} | {
    role: role
    for role in "spokesperson governor commander minister official president chief mayor general colonel "
    "director leader head envoy ambassador secretary prosecutor senator lawmaker".split()
}
# Singular nouns that can stand for the person a later "he"/"she" refers to.
PERSON_NOUNS = frozenset(ROLES) | frozenset(
    "resident witness elder doctor source villager survivor man woman officer soldier fighter "
    "journalist reporter analyst diplomat activist nurse teacher driver farmer student".split()
)
# Speakers that are organisations or places, never the antecedent of "he"/"she".
_ORG_NOUNS = frozenset(
    "ministry army group police military government office agency council department committee force "
    "movement organisation organization command coalition alliance militia network embassy statement "
    "report channel outlet website newspaper authority administration".split()
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
# A pronoun looks back this many paragraphs: news paragraphs are short, and "he" rarely
# reaches further without the name being repeated.
_LOOKBACK_PARAGRAPHS = 3


class _Mention(NamedTuple):
    start: int
    end: int
    text: str
    para: int
    person: bool  # a PERSON entity; otherwise a person-like noun phrase or an earlier speaker
    roles: frozenset = frozenset()  # canonical roles a person was introduced with
    role: Optional[str] = None  # for a definite noun phrase headed by a role noun ("the governor")


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "poss" or c.lower_ == "the" for c in tok.children)


class Antecedents:
    """Earlier persons and person-like noun phrases, built once per document when needed."""

    def __init__(self, doc: Doc, text: str, owner: Sequence[int], para_starts: Sequence[int], speakers):
        self._para_starts = para_starts
        linked: set[int] = set()
        # A name inside a speaker phrase headed by a role noun holds that role, however the
        # parser attached it: "A spokesman for the Front, Qasim Noori, said".
        spoken = [(a.speaker, ROLES[a.head.lemma_]) for a in speakers if a.head.lemma_ in ROLES]
        mentions = [
            self._person(ent, linked, {role for (s, e), role in spoken if s <= ent.start and ent.end <= e})
            for ent in doc.ents
            if ent.label_ == "PERSON" and owner[ent.start] < 0
        ]
        for tok in doc:
            if tok.lemma_ in PERSON_NOUNS and tok.tag_ == "NN" and tok.dep_ != "compound" and not tok.ent_type_:
                if owner[tok.i] < 0 and tok.i not in linked:
                    start, end = tok.left_edge.idx, tok.idx + len(tok)
                    role = ROLES.get(tok.lemma_) if _definite(tok) else None
                    mentions.append(_Mention(start, end, text[start:end], self.para(start), False, role=role))
        # Whoever spoke is person-like too ("said one shopkeeper. ... he added"), unless an
        # organisation; a name counts even when the small model tags it ORG, as it often does.
        for a in speakers:
            head = a.head
            named = head.tag_ == "NNP" and head.ent_type_ not in _PLACE_LABELS | {"PERSON"}
            common = head.tag_ == "NN" and not head.ent_type_ and head.lemma_ not in PERSON_NOUNS
            if (named or common) and head.lower_ not in _ORG_NOUNS:
                start, end = char_range(doc, *a.speaker)
                mentions.append(_Mention(start, end, text[start:end], self.para(start), False))
        self._mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self._mentions]

    def para(self, offset: int) -> int:
        return bisect_right(self._para_starts, offset) - 1

    def _person(self, ent: Span, linked: set[int], roles: set[str]) -> _Mention:
        # Roles linked to the name: "spokesman Ahmad Karimi" (compound), "Karimi, the
        # group's spokesman" (appos), "the spokesman, Ahmad Karimi" (the name as appos).
        root = ent.root
        near = [c for c in root.children if c.dep_ in ("compound", "appos")]
        if root.dep_ in ("appos", "compound"):
            near.append(root.head)
        for tok in reversed(ent.doc[max(0, ent.start - 4) : ent.start]):  # unlinked: "spokesman Col. Saleh"
            if tok.pos_ in ("VERB", "AUX") or (tok.is_punct and tok.text != "."):
                break
            near.append(tok)
        for tok in near:
            if tok.lemma_ in ROLES:
                roles.add(ROLES[tok.lemma_])
                linked.add(tok.i)
        return _Mention(ent.start_char, ent.end_char, ent.text, self.para(ent.start_char), True, frozenset(roles))

    def _before(self, offset: int) -> list[_Mention]:
        return self._mentions[: bisect_right(self._starts, offset - 1)]

    def _full_name(self, m: _Mention) -> _Mention:
        """A surname alone ("Karimi") stands for the earlier full name ("Ahmad Karimi")."""
        if " " not in m.text:
            for earlier in reversed(self._before(m.start)):
                if earlier.person and earlier.text.endswith(" " + m.text):
                    return earlier
        return m

    def for_role(self, role: str, offset: int) -> Optional[_Mention]:
        """Nearest earlier person introduced with ``role`` ("the spokesman" -> Mujahid)."""
        return next((m for m in reversed(self._before(offset)) if m.person and role in m.roles), None)

    def for_pronoun(self, offset: int) -> Optional[_Mention]:
        """Nearest earlier person or person-like noun phrase in this or the previous paragraphs."""
        para = self.para(offset)
        for m in reversed(self._before(offset)):
            if m.end > offset:
                continue
            if para - m.para > _LOOKBACK_PARAGRAPHS:
                return None
            if m.person:
                return self._full_name(m)
            return (self.for_role(m.role, m.start) if m.role else None) or m
        return None

    def resolve(self, doc: Doc, a: _Attribution) -> Optional[_Mention]:
        start, end = a.speaker
        if end - start == 1 and a.head.lower_ in PRONOUNS:
            return self.for_pronoun(doc[start].idx)
        role = ROLES.get(a.head.lemma_)
        if role and _definite(a.head) and not any(t.ent_type_ == "PERSON" for t in doc[start:end]):
            return self.for_role(role, doc[start].idx)
        return None
