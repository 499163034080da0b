"""People among the actors (stage 4, pass 6 of :mod:`.actors`): one id per person, later
surname-only mentions joined to the full name, and each person's role and affiliation read from
appositions and titles ("the group's spokesman Zabihullah Mujahid").
"""

from __future__ import annotations

import re
from typing import Optional

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Span, Token

from ._candidates import Cand, Context, slug
from ._lexicon import ROLE_WORDS, TITLES, LexiconEntry

__all__ = ["People"]

# Dependencies that carry a role's modifiers ("former interior minister", "provincial police chief").
_ROLE_MODIFIERS = frozenset({"amod", "compound", "nmod", "npadvmod", "nummod"})
# A role is words: not an e-mail address or a menu ("Email | Tips") mistaken for an apposition.
_ROLE_TEXT = re.compile(r"[A-Za-z][A-Za-z' .,-]*")


class People:
    """Person ids, surname-only mentions, and each person's role and affiliation."""

    def __init__(self, ctx: Context, cands: list[Cand]):
        self.ctx = ctx
        self.ids: dict[str, str] = {}          # person id -> full name
        self.roles: dict[str, str] = {}
        self.affiliations: dict[str, str] = {}
        self.surname_of: dict[str, str] = {}   # surname -> person id
        self._assign_ids(cands)
        self._surnames(cands)
        if ctx.doc.has_annotation("DEP"):
            self._roles(cands)

    def _assign_ids(self, cands: list[Cand]) -> None:
        surnames = self.surname_of
        for cand in cands:
            if cand.source != "person":
                continue
            words = cand.person.split()
            if len(words) == 1 and words[0] in surnames:
                pid = surnames[words[0]]
            else:
                pid = f"ner:{slug(cand.person)}"
                self.ids.setdefault(pid, cand.person)
                if len(words) > 1:
                    surnames.setdefault(words[-1], pid)
            cand.entry = LexiconEntry.model_construct(id=pid, name=self.ids[pid], kind="person")

    def _surnames(self, cands: list[Cand]) -> None:
        """Surname-only mentions the NER missed ("Mujahid said"), after the full name."""
        if not self.surname_of:
            return
        doc = self.ctx.doc
        taken = bytearray(len(doc))
        first = min(c.end for c in cands if c.source == "person")
        for cand in cands:
            taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
        # Compare ORTH hashes in numpy: no Token object for the words that are no surname.
        hashes = [doc.vocab.strings.add(name) for name in self.surname_of]
        for i in numpy.flatnonzero(numpy.isin(doc.to_array(ORTH)[first:], hashes)) + first:
            tok = doc[int(i)]
            pid = self.surname_of[tok.text]
            if not taken[tok.i] and (tok.pos_ == "PROPN" or not doc.has_annotation("POS")):
                entry = LexiconEntry.model_construct(id=pid, name=self.ids[pid], kind="person")
                cands.append(Cand(tok.i, tok.i + 1, "person", entry, person=tok.text))
        cands.sort(key=lambda c: c.start)

    def _roles(self, cands: list[Cand]) -> None:
        at_token = {i: c for c in cands for i in range(c.start, c.end)}
        for cand in cands:
            if cand.source != "person" or cand.entry.id in self.roles:
                continue
            role, affiliation = _role(self.ctx.doc[cand.start:cand.end], at_token)
            if role and _ROLE_TEXT.fullmatch(role):
                self.roles[cand.entry.id] = role
            if affiliation and cand.entry.id not in self.affiliations:
                self.affiliations[cand.entry.id] = affiliation


def _role(person: Span, at_token: dict[int, Cand]) -> tuple[Optional[str], Optional[str]]:
    """Role and affiliation (actor id) of a person from the parse around the name."""
    noun = _role_noun(person)
    if noun is None:
        return _title(person), None
    inside = range(person.start, person.end)
    affiliation = next((at_token[t.i].entry.id for t in noun.subtree if t.i not in inside and t.i in at_token
                        and at_token[t.i].source != "person"), None)
    if noun.lower_ == "one":
        # "one of the movement's commanders": the role is what the person is one of.
        of = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return (_role_text(of[0], at_token, lemma=True) if of else None), affiliation
    return _role_text(noun, at_token), affiliation


def _role_noun(person: Span) -> Optional[Token]:
    inside = range(person.start, person.end)
    for tok in person:              # "B, a former interior minister" / "C, one of ..."
        for child in tok.children:
            if child.dep_ == "appos" and child.i not in inside and (child.pos_ == "NOUN" or child.lower_ == "one"):
                return child
    root = person.root              # "the governor of Kunduz, D" / "the group's spokesman D"
    if root.dep_ == "appos" and root.head.i not in inside and root.head.lemma_.lower() in ROLE_WORDS:
        return root.head
    before = person.doc[person.start - 1] if person.start > 0 else None
    if before is not None and before.pos_ == "NOUN" and before.head.i in inside:   # "Taliban spokesman A"
        return before
    return None


def _role_text(noun: Token, at_token: dict[int, Cand], lemma: bool = False) -> str:
    """The role noun with its modifiers, without determiners, possessors and named groups:
    "former interior minister", "provincial police chief", "governor of Kunduz"."""
    keep = [noun]
    for child in noun.lefts:
        if child.dep_ in _ROLE_MODIFIERS:
            keep += [t for t in child.subtree if not (t.i in at_token and at_token[t.i].source in ("lex", "ner"))]
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and not any(t.i in at_token for t in child.subtree):
            # "governor of Kunduz province", not "... of the group in Lubero territory"
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                keep += [child, pobj] + [t for left in pobj.lefts for t in left.subtree]
    keep.sort(key=lambda t: t.i)
    words = [(t.lemma_ if lemma and t is noun else t.text) + t.whitespace_ for t in keep]
    return "".join(words).strip()


def _title(person: Span) -> Optional[str]:
    first = person[0].lower_.rstrip(".")
    return first if first in TITLES else None
