"""Who a casualty cue counts when the parse or the wording hides the figure: headline-style counts
("12 killed", "3 shot dead"), one person named without a count ("killed the driver", "his colleague",
"Trader killed in an ambush", "a herder died"), and whether such a person was already told of.

Token-level tests on the spaCy parse, used by :mod:`sitrep.extract.claims`.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

__all__ = ["cue_after", "anaphoric", "dies", "one_known"]


#: words a headline-style count may stand apart from its cue by: "3 shot dead", "2 reportedly killed"
_BEFORE_CUE = frozenset({"shot", "stabbed", "hacked", "beaten", "burnt", "burned", "gunned", "reportedly", "reported",
                         "confirmed", "feared", "were", "are", "was", "have", "has", "been", "later", "also", "more"})


def cue_after(span: Span, by_token: dict[int, Span]) -> Optional[Span]:
    """The killing or wounding cue right after a bare count ("12 killed", "3 shot dead", "7 more wounded"),
    a headline-style report whose count the small model's parse often hangs on another word."""
    doc = span.doc
    if not span.root.like_num:
        return None
    for tok in doc[span.end: min(span.end + 3, span.sent.end)]:
        cue = by_token.get(tok.i)
        if cue is not None:  # a verb or adjective: "three toll gates" counts no dead
            ok = cue.label_ in {"killed", "injured"} and cue.start == tok.i and tok.pos_ in {"VERB", "ADJ", "AUX"}
            return cue if ok else None
        if tok.lower_ not in _BEFORE_CUE:
            return None
    return None


def anaphoric(noun: Token) -> bool:
    """"the employee", "him": someone the report has already introduced."""
    return noun.tag_ == "PRP" or any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


def dies(subject: Token) -> bool:
    """The subject is who died: of "died", or of a headline's "killed" with no object nor auxiliary
    ("Trader killed in an ambush", which the small model parses as active)."""
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.pos_ != "VERB":
        return False
    return verb.lemma_.lower() == "die" or (verb.tag_ in {"VBD", "VBN"} and verb.lemma_.lower() == "kill"
                                            and not any(c.dep_ in {"dobj", "aux", "auxpass"} for c in verb.children))


def one_known(noun: Token) -> bool:
    """A singular noun that names one known person: by whose it is ("his mother", "their commander"), as
    one more ("another man"), as the one the report is about ("the businessman was killed", "killed the
    attacker"), or headline-style with no determiner ("Soldier killed in an ambush"); "a"/"one" are counts
    the figures above read."""
    determiners = [c.lower_ for c in noun.children if c.dep_ in {"det", "poss", "nummod", "predet"}]
    return all(d in {"his", "her", "their", "its", "another", "the"} for d in determiners)
