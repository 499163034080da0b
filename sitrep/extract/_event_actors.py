"""Actors an event names without a mention of its own: the state behind a national weapon ("a
Russian missile", "Israeli jets"), ACLED's collective actors ("Rioters (Nigeria)"), each added to the
document's actors once."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span

from ..records import Actor

__all__ = ["national_weapons", "state_forces", "collective", "ensure_actor", "ally_tokens"]


#: nouns whose national adjective names the state that used them: "a Russian missile", "Israeli jets"
_STATE_MEANS = frozenset({"missile", "drone", "warplane", "jet", "aircraft", "artillery", "shelling", "strike",
                          "airstrike", "rocket", "helicopter", "gunship", "navy", "shell", "bomber", "unit",
                          "defence", "defense", "army", "military"})


_STATE_WORDS = frozenset({"military", "army", "government", "junta", "regime"})


def national_weapons(ctx, sent: Span) -> list[tuple[int, str]]:
    """(offset, state forces id) for national adjectives on weapons and units ("A Russian missile struck…")."""
    if ctx.lexicon is None:
        return []
    found = []
    for tok in sent:
        user = ctx.triggers.weapons.get(tok.lower_) if ctx.triggers is not None else None
        if user:  # "five Shahed-type attack drones": the weapon names its user
            found.append((tok.idx, state_forces(ctx, user)))
            continue
        if tok.dep_ in {"amod", "compound", "nmod"} and tok.head.lemma_.lower() in _STATE_MEANS:
            country = ctx.lexicon.country_of_demonym(tok.text)
            if country is None and tok.lower_ in _STATE_WORDS:
                country = ctx.places.country  # "military aircraft", "government warplanes"
            if country:
                found.append((tok.idx, state_forces(ctx, country)))
    return found


def state_forces(ctx, country: str) -> str:
    return ensure_actor(ctx, ctx.lexicon.state_forces(country, "military", ctx.published))


def collective(ctx, kind: str) -> Optional[str]:
    """ACLED's collective actor ("Rioters (Nigeria)") for the article's country, added to the actors."""
    if ctx.lexicon is None:
        return None
    return ensure_actor(ctx, ctx.lexicon.collective(kind, ctx.places.country))


def ensure_actor(ctx, entry) -> str:
    """Add a lexicon entry to the document's actors once (events name actors no mention did)."""
    if all(a.id != entry.id for a in ctx.actors.actors):
        ctx.actors.actors.append(Actor(id=entry.id, name=entry.name, kind=entry.kind, country=entry.country))
    return entry.id


_ALLY_CUES = (("backed", "by"), ("supported", "by"), ("alongside",), ("allied",), ("with", "the", "help", "of"),
              ("with", "support", "from"), ("with", "the", "support", "of"), ("aided", "by"))


def ally_tokens(sent: Span) -> set[int]:
    """Tokens naming allies ("government forces backed by Macawisley clan militia"): ACLED puts
    allies among the associated actors, not as the opposing side."""
    words = [t.lower_ for t in sent]
    allies: set[int] = set()
    for i in range(len(words)):
        for cue in _ALLY_CUES:
            if tuple(words[i: i + len(cue)]) == cue:
                head = sent[i + len(cue) - 1]
                allies |= {t.i for child in head.children for t in child.subtree}
                allies |= {t.i for t in sent[i + len(cue): i + len(cue) + 4] if t.pos_ in {"PROPN", "NOUN", "ADJ"}}
    return allies
