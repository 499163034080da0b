"""Quotes and reported speech with their speakers (extract stage 5).

One pass over a parsed ``Doc`` finds both kinds of speech:

* **direct quotes** between quotation marks, straight or curly, double or single.
  A quote continued across paragraphs (English convention: the unfinished paragraph
  has no closing mark and the next one reopens) and a quote split by its attribution
  (``'We took the pass,' he said, 'and we will hold it.'``) come out as pieces
  that share one speaker;
* **reported speech** from the dependency parse: a speech verb (say, tell, claim,
  deny…) whose ``nsubj`` is the speaker and whose ``ccomp`` is the content; and
  "according to X".

The speaker is the whole noun phrase as written, with offsets, so the actors stage can
look for a PERSON/ORG/actor mention inside it. Pronoun speakers ("he said") and role
nouns ("the spokesman said") get an ``antecedent`` from the earlier text. Offsets are
character offsets into ``doc.text``, end exclusive; every ``text`` is that slice.
"""

from __future__ import annotations

import logging
import re
import threading
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional, Sequence

from spacy.tokens import Doc, Span, Token

from ..errors import ModelMissing
from ..nlp import text_of
from ._antecedents import PERSON_NOUNS, PRONOUNS, ROLES, Antecedents, char_range

__all__ = ["QuoteFound", "find_quotes", "sentence_attribution"]

log = logging.getLogger(__name__)


@dataclass
class QuoteFound:
    """One direct quote or piece of reported speech, and who said it."""

    start: int
    end: int
    text: str  # direct: inside the marks, without a trailing comma; reported: the clause
    direct: bool
    speaker: Optional[str] = None
    speaker_start: Optional[int] = None
    speaker_end: Optional[int] = None
    antecedent: Optional[str] = None
    antecedent_start: Optional[int] = None
    antecedent_end: Optional[int] = None
    channel: Optional[str] = None
    cue: Optional[str] = None  # lower-cased: "said", "told", "according to", "denied"…


# --- vocabulary -------------------------------------------------------------------------

_SPEECH_LEMMAS = frozenset(
    "say tell claim state announce report confirm deny add insist tweet write post allege warn accuse "
    "ask shout reply explain recall condemn vow".split()
)
# Inflected forms, so attribution still works in a pipeline whose lemmatizer is disabled.
_SPEECH_FORMS = {lemma + "s": lemma for lemma in _SPEECH_LEMMAS} | {
    lemma + ("d" if lemma.endswith("e") else "ed"): lemma for lemma in _SPEECH_LEMMAS
} | {"said": "say", "told": "tell", "wrote": "write", "written": "write", "denies": "deny", "denied": "deny"}
# Verbs whose direct object is what is asserted ("claimed responsibility", "denied the
# reports", "accused the rebels of ..."); for "told" the object is the addressee instead.
_OBJECT_CONTENT = frozenset({"claim", "deny", "confirm", "announce", "report", "allege", "accuse"})
_EXPLETIVES = frozenset({"it", "there", "this", "that", "which", "who"})
_LIVES = frozenset({"life", "lives"})  # "claimed the lives of six": the verb kills
_DEEDS = frozenset({"responsibility", "credit"})  # "claimed responsibility for ...": the deed, not its toll
# Children of a speech verb that may name the channel ("in a statement", "on Telegram",
# "told a news conference", "by phone"); the content clause is never searched.
_CHANNEL_DEPS = frozenset({"prep", "agent", "dative", "npadvmod", "advmod", "dobj"})
# Where "according to" stops climbing: it vouches for every conjunct ("killed 7 and wounded 12").
_CLAUSE_ROOTS = frozenset({"ROOT", "ccomp", "parataxis", "relcl"})


# Most specific first: a named platform beats the form of the message ("in a statement
# on Telegram" -> Telegram), and the form beats generic "social media".
_CHANNELS = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("Telegram", r"\bTelegram\b"),
        ("X", r"\b(?:on|via) X\b|(?i:\btwitter\b|\btweet)"),
        ("Facebook", r"(?i:\bfacebook\b)"),
        ("audio message", r"(?i:\baudio\b|\bvoice (?:message|note|recording)\b)"),
        ("video", r"(?i:\bvideo)"),
        ("press conference", r"(?i:\b(?:press|news) (?:conference|briefing)\b|\bbriefing\b)"),
        ("interview", r"(?i:\binterview)"),
        ("phone", r"(?i:\b(?:tele)?phone\b|\bphoned\b)"),
        ("radio", r"(?i:\bradio\b)"),
        ("social media", r"(?i:\bsocial media\b|\bwhatsapp\b|\binstagram\b|\byoutube\b|\btiktok\b)"),
        ("statement", r"(?i:\bstatement\b|\bcommuniqu|\bpress release\b)"),
    )
)

# --- quotation marks: sitrep/extract/_quotemarks.py ------------------------------------
from ._quotemarks import _ANAPHORIC_CHANNEL, _DATELINE, _Marked, _paragraphs, _scan_quotes  # noqa: E402


# --- attributions from the parse --------------------------------------------------------


@dataclass
class _Attribution:
    """A speaker and a cue: from a speech verb, "according to", or a colon after a noun phrase."""

    anchor: Optional[Token]  # the speech verb or "according"; None for "The spokesman: '...'"
    cue: Optional[str]
    lemma: str
    head: Token  # head token of the speaker noun phrase
    speaker: tuple[int, int]  # token range
    contents: list[tuple[int, int]] = field(default_factory=list)  # token ranges of reported content
    channel: Optional[str] = None
    anaphoric: bool = False  # the channel words point back: "in the statement", "in the recording"


def _trim_tokens(doc: Doc, start: int, end: int, *, keep_quotes: bool = False) -> tuple[int, int]:
    """Drop leading/trailing spaces, punctuation and a leading complementizer "that"."""

    def loose(tok: Token) -> bool:
        return (tok.is_space or tok.is_punct) and not (keep_quotes and tok.is_quote)

    while start < end and (loose(doc[start]) or (doc[start].dep_ == "mark" and doc[start].lower_ == "that")):
        start += 1
    while end > start and loose(doc[end - 1]):
        if doc[end - 1].text == ")" and any(t.text == "(" for t in doc[start : end - 1]):
            break  # "the Regional Flood Response Office (RFRO)"
        end -= 1
    return start, end


def _speaker_range(head: Token, owner: Sequence[int]) -> tuple[int, int]:
    """The subject's subtree with appositions ("Ahmad Wali, a former interior minister") but
    without relative clauses ("who asked not to be named") and never into a quote."""
    left, right = head.left_edge.i, head.right_edge.i + 1
    for tok in head.doc[head.i + 1 : right]:
        if tok.dep_ in ("relcl", "acl") or owner[tok.i] >= 0:
            right = min(tok.left_edge.i, tok.i)
            break
    for tok in head.doc[left : head.i]:
        if owner[tok.i] >= 0:
            left = tok.i + 1
    return _trim_tokens(head.doc, left, right)


def _remainder(head: Token, inner: Token) -> tuple[int, int]:
    """The clause of ``head`` without the attribution ``inner`` ("..., officials said")."""
    left, right = _trim_tokens(head.doc, head.left_edge.i, head.right_edge.i + 1, keep_quotes=True)
    if inner.right_edge.i + 1 >= right:
        right = inner.left_edge.i
    elif inner.left_edge.i <= left:
        left = inner.right_edge.i + 1
    return _trim_tokens(head.doc, left, right, keep_quotes=True)


def _clause(child: Token, verb: Token) -> tuple[int, int]:
    """Token range of a content clause.

    A relative pronoun before the verb ("which officials said killed 12") makes the subtree
    straddle the verb: keep the part after it. A clause holding another speaker's
    attribution ("20 died, while the army said ...") ends before it.
    """
    left, right = child.left_edge.i, child.right_edge.i + 1
    if left < verb.i < right:
        left = verb.i + 1
    for part in child.rights:
        if part.dep_ in ("advcl", "conj", "parataxis") and any(_is_attribution(t) for t in part.subtree):
            right = min(right, part.left_edge.i)
            break
    return _trim_tokens(verb.doc, left, right, keep_quotes=True)


def _speech_lemma(tok: Token) -> Optional[str]:
    if tok.pos_ != "VERB":
        return None
    return tok.lemma_ if tok.lemma_ in _SPEECH_LEMMAS else _SPEECH_FORMS.get(tok.lower_)


def _is_attribution(tok: Token) -> bool:
    return _speech_lemma(tok) is not None and any(c.dep_ == "nsubj" for c in tok.children)


def _subjects(verb: Token) -> list[Token]:
    """The ``nsubj`` of a speech verb (two when the parser splits "spokesman Col. Ahmed Saleh"),
    shared along a conjunction ("He said ... and added ...")."""
    while True:
        found = [c for c in verb.children if c.dep_ == "nsubj"]
        if found or verb.dep_ != "conj" or verb.head.i == verb.i:
            return found
        verb = verb.head


def _contents(verb: Token, lemma: str, skip: Optional[Token]) -> list[tuple[int, int]]:
    """Token ranges of what the speech verb reports."""
    found = []
    for child in verb.children:
        if skip is not None and child.i == skip.i:
            continue
        if child.dep_ == "ccomp" or (child.dep_ == "dobj" and lemma in _OBJECT_CONTENT):
            left, right = _clause(child, verb)
            if lemma == "claim" and child.lemma_.lower() in _DEEDS:
                # a group claims a deed "... for a mine that killed eight": the deed is its claim;
                # what the deed did is the writer's account
                right = min([right] + [t.left_edge.i for t in child.subtree if t.dep_ == "relcl"])
            if lemma == "accuse":  # "accused the army | of shelling civilian areas"
                right = max([right] + [p.right_edge.i + 1 for p in verb.rights if p.lower_ == "of"])
            found.append((left, right))
    if not found:  # "said in a statement that ...": the parser often hangs the clause on "statement"
        for pobj in (g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"):
            for clause in pobj.children:
                if clause.dep_ in ("acl", "ccomp", "relcl") and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in clause.children
                ):
                    found.append(_clause(clause, verb))
    if not found and verb.dep_ == "parataxis":
        found.append(_remainder(verb.head, verb))
    return found


def _from_verb(verb: Token, lemma: str, owner: Sequence[int]) -> Optional[_Attribution]:
    if lemma == "claim" and any(c.dep_ == "dobj" and c.lemma_.lower() in _LIVES for c in verb.children):
        return None  # "the fighting claimed six lives": a killing, not a claim
    if any(c.dep_ == "xcomp" and c.lemma_ == "be" for c in verb.children):
        return None  # "gunmen claiming to be from the militia", "alleged to be soldiers": who they are, no report
    subjects, participle = _subjects(verb), None
    if not subjects:
        # '"...," said one woman holding a photograph': the parser makes the participle a ccomp.
        participle = next((c for c in verb.rights if c.dep_ == "ccomp" and c.tag_ == "VBG"), None)
        subjects = [c for c in participle.children if c.dep_ == "nsubj"][:1] if participle is not None else []
    subjects = [t for t in subjects if owner[t.i] < 0]
    if not subjects or subjects[0].lower_ in _EXPLETIVES:
        return None
    # Of two subjects the named one heads the speaker; the span covers both if on one side.
    head = next((t for t in subjects if t.ent_type_ == "PERSON"), subjects[0])
    ranges = [_speaker_range(t, owner) for t in subjects if (t.i < verb.i) == (head.i < verb.i)]
    speaker = (min(r[0] for r in ranges), max(r[1] for r in ranges))
    return _Attribution(verb, verb.lower_, lemma, head, speaker, _contents(verb, lemma, participle))


def _from_according(tok: Token, owner: Sequence[int]) -> Optional[_Attribution]:
    """ "According to X, ..." / "..., according to X." """
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None or owner[pobj.i] >= 0:
        return None
    attribution = _Attribution(tok, "according to", "according", pobj, _speaker_range(pobj, owner))
    if tok.head.i != tok.i:
        clause = tok.head
        while clause.dep_ not in _CLAUSE_ROOTS and clause.head.i != clause.i:
            clause = clause.head
        attribution.contents.append(_remainder(clause, tok))
    return attribution


def _channel(doc: Doc, a: _Attribution) -> tuple[Optional[str], bool]:
    """Normalised channel from the attribution's own words, never from the content, and
    whether they point back to an earlier one ("said in the recording")."""
    if a.lemma == "tweet":
        return "X", False
    ranges = [(a.head.left_edge.i, a.head.right_edge.i + 1)]
    if a.lemma == "according":
        ranges.append((a.anchor.left_edge.i, a.anchor.right_edge.i + 1))
    elif a.anchor is not None:
        # "In a statement on X, the spokesman did not mention ... but said ...": shared by a conjunct.
        verbs = [a.anchor, a.anchor.head] if a.anchor.dep_ == "conj" else [a.anchor]
        for child in (c for v in verbs for c in v.children if c.i != a.anchor.i):
            if child.dep_ == "dobj" and a.lemma in _OBJECT_CONTENT:
                # "claimed the attack in a statement": only the object's prepositions may say how.
                ranges.extend((p.left_edge.i, p.right_edge.i + 1) for p in child.children if p.dep_ == "prep")
            elif child.dep_ in _CHANNEL_DEPS:
                ranges.append((child.left_edge.i, child.right_edge.i + 1))
    words = " | ".join(doc[s:e].text for s, e in ranges)
    name = next((name for name, pattern in _CHANNELS if pattern.search(words)), None)
    return name or ("social media" if a.lemma == "post" else None), bool(_ANAPHORIC_CHANNEL.search(words))


def _inherit_channels(doc: Doc, attributions: Sequence[_Attribution], paragraphs) -> None:
    """News names the channel once: "In a statement on Telegram, Nasim said ... '...,' Nasim
    wrote." A later attribution without one (or with "in the statement") takes the channel of
    the nearest earlier attribution of the same speaker (of any, for "the statement") in the
    same or the previous paragraph; "the recording" may also point at words with no speech
    verb of their own ("In an audio message, a commander who called himself Abu Saif ...")."""
    para_starts = [lo for lo, _ in paragraphs]
    earlier: list[tuple[int, _Attribution]] = []
    for a in attributions:
        if a.anchor is None:
            continue
        para = bisect_right(para_starts, a.anchor.idx) - 1
        if a.channel is None or a.anaphoric:
            for p, b in reversed(earlier):
                if para - p > 1:
                    break
                if b.channel is not None and (a.anaphoric or _same_speaker(doc, a, b)):
                    a.channel = b.channel
                    break
            else:
                if a.anaphoric:
                    a.channel = _channel_before(doc, a.anchor.sent, paragraphs[max(0, para - 1)][0]) or a.channel
        earlier.append((para, a))


def _channel_before(doc: Doc, sent: Span, lo: int) -> Optional[str]:
    """The channel named in the nearest earlier sentence that names one, back to offset ``lo``."""
    while sent.start > 0 and sent.start_char > lo:
        sent = doc[sent.start - 1].sent
        name = next((name for name, pattern in _CHANNELS if pattern.search(sent.text)), None)
        if name is not None:
            return name
    return None


def _same_speaker(doc: Doc, a: _Attribution, b: _Attribution) -> bool:
    """ "HTS" and "Hayat Tahrir al-Sham (HTS)", "Nasim" and "a Taliban spokesman, Qari Mohammad Nasim"."""
    if a.head.pos_ == "PROPN" or a.head.text[:1].isupper():  # the model may tag a surname NOUN
        return any(t.text == a.head.text for t in doc[b.speaker[0] : b.speaker[1]])
    return doc[a.speaker[0] : a.speaker[1]].text.lower() == doc[b.speaker[0] : b.speaker[1]].text.lower()


def _clip(doc: Doc, span: tuple[int, int], lo: int, hi: int) -> tuple[int, int]:
    """Keep a token range inside the paragraph [lo, hi): a headline without a full stop runs
    into the dateline in the parse."""
    start, end = span
    while start < end and doc[start].idx < lo:
        start += 1
    while end > start and doc[end - 1].idx >= hi:
        end -= 1
    return _trim_tokens(doc, start, end, keep_quotes=True)


def _attributions(doc: Doc, text: str, owner: Sequence[int], paragraphs) -> list[_Attribution]:
    """Every attribution outside quotes: one pass over the tokens."""
    found = []
    para_starts = [lo for lo, _ in paragraphs]
    for tok in doc:
        if owner[tok.i] >= 0:
            continue
        if tok.lower_ == "according":
            a = _from_according(tok, owner)
        elif (lemma := _speech_lemma(tok)) is not None:
            a = _from_verb(tok, lemma, owner)
        else:
            continue
        if a is not None:
            lo, hi = paragraphs[bisect_right(para_starts, tok.idx) - 1]
            dateline = _DATELINE.match(text, lo, hi)  # "KABUL, Afghanistan — " is nobody's words
            lo = dateline.end() if dateline else lo
            a.speaker = _clip(doc, a.speaker, lo, hi)
            a.contents = [c for c in (_clip(doc, c, lo, hi) for c in a.contents) if c[0] < c[1]]
            if a.speaker[0] < a.speaker[1]:
                a.channel, a.anaphoric = _channel(doc, a)
                found.append(a)
    _inherit_channels(doc, found, paragraphs)
    return found


def _colon_speaker(doc: Doc, q_start: int, owner: Sequence[int]) -> Optional[_Attribution]:
    """ "The spokesman: 'We ...'": a short verbless noun phrase and a colon before the quote."""
    colon = q_start - 1
    if colon < 1 or doc[colon].text != ":" or owner[colon] >= 0:
        return None
    start = colon
    while start > 0 and colon - start < 8:
        prev = doc[start - 1]
        if owner[prev.i] >= 0 or "\n" in prev.text or prev.text in ".;!?" or prev.pos_ in ("VERB", "AUX"):
            break
        start -= 1
    start, end = _trim_tokens(doc, start, colon)
    if start >= end:
        return None
    head = doc[start:end].root
    # Only a speaker-like phrase: "The death toll: 'at least 20'" is not attribution.
    if head.pos_ == "PROPN" or head.lemma_ in PERSON_NOUNS or head.ent_type_ in ("PERSON", "ORG", "NORP"):
        return _Attribution(None, None, "", head, (start, end))
    return None


# --- linking quotes to attributions -----------------------------------------------------


def _link_by_parse(doc, marked, ranges, owner, attributions, para_starts) -> list[Optional[int]]:
    """Quote index -> attribution index, from the dependency parse.

    A content clause whose words are all inside quotation marks is direct speech: its quotes
    take the attribution and the clause is no longer reported speech. A quote wholly inside
    reported content ("said the attack was 'a crime'") takes it too, as does a quote with a
    word hanging on a speech verb in its paragraph (a mark may hang on the next sentence's).
    """
    link: list[Optional[int]] = [None] * len(ranges)
    anchors = {a.anchor.i: k for k, a in enumerate(attributions) if a.anchor is not None}
    for k, a in enumerate(attributions):
        kept = []
        for start, end in a.contents:
            quoted = all(owner[t.i] >= 0 for t in doc[start:end] if not (t.is_punct or t.is_space))
            for qi in dict.fromkeys(owner[i] for i in range(start, end) if owner[i] >= 0):
                whole = start - 1 <= ranges[qi][0] and ranges[qi][1] <= end + 1
                if link[qi] is None and (quoted or whole):
                    link[qi] = k
            if not quoted:
                kept.append((start, end))
        a.contents = kept
    for qi, (start, end) in enumerate(ranges):
        if link[qi] is None:
            heads = (t.head for t in doc[start:end] if not t.is_punct and t.head.i in anchors)
            para = marked[qi].para
            link[qi] = next((anchors[h.i] for h in heads if bisect_right(para_starts, h.idx) - 1 == para), None)
    return link


def _step(doc: Doc, i: int, direction: int, owner: Sequence[int]) -> int:
    """The next token index from ``i`` over punctuation outside quotes, within the paragraph."""
    while 0 <= i < len(doc) and owner[i] < 0 and (doc[i].is_punct or doc[i].is_space):
        if "\n" in doc[i].text:
            return -1
        i += direction
    return i if 0 <= i < len(doc) else -1


def _link_by_position(doc, marked, ranges, owner, attributions, link) -> None:
    """Quotes the parse did not attach: a bare "he said." next to them (the sentence splitter
    cut between), a colon after a noun phrase, the rest of a quote continued across
    paragraphs, and a further quote in the same paragraph by the same speaker."""
    used = set(link)
    for k, a in enumerate(attributions):
        if a.anchor is None or a.contents or k in used:
            continue
        before = _step(doc, a.anchor.left_edge.i - 1, -1, owner)
        for i in (before, _step(doc, a.anchor.right_edge.i + 1, 1, owner)):
            if i >= 0 and owner[i] >= 0 and link[owner[i]] is None:
                link[owner[i]] = k
                break
    for qi, (start, _end) in enumerate(ranges):
        colon = _colon_speaker(doc, start, owner) if link[qi] is None else None
        if colon is not None:
            attributions.append(colon)
            link[qi] = len(attributions) - 1
    _share_along_chains(marked, link)
    anchors = {a.anchor.i: k for k, a in enumerate(attributions) if a.anchor is not None}
    for qi in range(1, len(marked)):
        prev = qi - 1
        if link[qi] is None and link[prev] is not None and marked[prev].para == marked[qi].para:
            # Another speech verb in between may introduce someone else.
            between = {anchors.get(i) for i in range(ranges[prev][1], ranges[qi][0])} - {None, link[prev]}
            link[qi] = None if between else link[prev]
    _share_along_chains(marked, link)


def _share_along_chains(marked: Sequence[_Marked], link: list[Optional[int]]) -> None:
    speaker_of: dict[int, int] = {}
    for q, k in zip(marked, link):
        if k is not None:
            speaker_of.setdefault(q.chain, k)
    for qi, q in enumerate(marked):
        if link[qi] is None:
            link[qi] = speaker_of.get(q.chain)


# --- public API -------------------------------------------------------------------------


def _found(doc, text: str, span: tuple[int, int], direct: bool, a: Optional[_Attribution], resolver) -> QuoteFound:
    quote = QuoteFound(span[0], span[1], text[span[0] : span[1]], direct)
    if a is None:
        return quote
    quote.speaker_start, quote.speaker_end = char_range(doc, *a.speaker)
    quote.speaker = text[quote.speaker_start : quote.speaker_end]
    quote.cue, quote.channel = a.cue, a.channel
    ante = resolver.resolve(doc, a) if resolver is not None else None
    if ante is not None:
        quote.antecedent, quote.antecedent_start, quote.antecedent_end = ante.text, ante.start, ante.end
    return quote


def find_quotes(doc: Doc) -> list[QuoteFound]:
    """Direct quotes and reported speech in ``doc``, with their speakers, sorted by start.

    Args:
        doc: a Doc parsed by a pipeline with a dependency parser and NER.

    Raises:
        ModelMissing: the Doc has no dependency parse.
    """
    if len(doc) == 0:
        return []
    if not doc.has_annotation("DEP"):
        raise ModelMissing(
            "the Doc has no dependency parse, which quote attribution needs",
            input=doc.text[:40],
            hint="parse with the full English pipeline (sitrep.nlp.load_pipeline)",
        )
    text = text_of(doc)  # doc.text joins every token on each access
    paragraphs = _paragraphs(text)
    marked = _scan_quotes(text, paragraphs)
    owner = [-1] * len(doc)  # token -> index of the quote it is in (marks included)
    ranges = []
    for qi, q in enumerate(marked):
        span = doc.char_span(q.mark_start, q.mark_end, alignment_mode="expand")
        start, end = (span.start, span.end) if span is not None else (0, 0)
        ranges.append((start, end))
        owner[start:end] = [qi] * (end - start)
    attributions = _attributions(doc, text, owner, paragraphs)
    link = _link_by_parse(doc, marked, ranges, owner, attributions, [p[0] for p in paragraphs])
    _link_by_position(doc, marked, ranges, owner, attributions, link)

    # Antecedents take one more pass over the tokens: only when a speaker is "he" or "the spokesman".
    needed = any(a.head.lower_ in PRONOUNS or a.head.lemma_ in ROLES for a in attributions)
    resolver = Antecedents(doc, text, owner, [p[0] for p in paragraphs], attributions) if needed else None
    found = [
        _found(doc, text, (q.start, q.end), True, None if k is None else attributions[k], resolver)
        for q, k in zip(marked, link)
    ]
    for a in attributions:
        found.extend(_found(doc, text, char_range(doc, s, e), False, a, resolver) for s, e in a.contents)
    found.sort(key=lambda q: (q.start, q.end))
    _recent.doc, _recent.quotes = doc, tuple(found)
    return found


# The last Doc find_quotes saw in this thread and its quotes: the claims stage then asks
# sentence by sentence about the same Doc, and nothing is computed twice.
_recent = threading.local()


def _quotes_of(doc: Doc) -> Sequence[QuoteFound]:
    if getattr(_recent, "doc", None) is not doc:
        find_quotes(doc)
    return _recent.quotes


def sentence_attribution(
    sent: Span, *, quotes: Optional[Sequence[QuoteFound]] = None, at: Optional[int] = None
) -> Optional[QuoteFound]:
    """The attributed speech covering ``sent`` ("X said ...", "according to X"), if any.

    Args:
        sent: a sentence of a parsed Doc.
        quotes: ``find_quotes(sent.doc)``; by default the result of the last ``find_quotes``
            call on this Doc in this thread, or a new one.
        at: character offset of a figure in the sentence. The smallest attributed speech
            holding it then wins, so in "Witnesses said 20 died, while the army said five were
            wounded" each figure gets its own claimant.

    Returns:
        The quote or reported speech with a speaker that holds ``at`` or else overlaps the
        sentence most, so the claims stage can give a figure its claimant; None when the
        outlet speaks for itself.
    """
    if quotes is None:
        quotes = _quotes_of(sent.doc)
    attributed = [q for q in quotes if q.speaker is not None]
    holding = [q for q in attributed if at is not None and q.start <= at < q.end]
    if holding:
        return min(holding, key=lambda q: q.end - q.start)
    best, best_overlap = None, 0
    # an accusation ("because they had accused him of witchcraft") is not the source of the figures beside it
    for quote in (q for q in attributed if not (q.cue or "").startswith("accus")):
        overlap = min(sent.end_char, quote.end) - max(sent.start_char, quote.start)
        if overlap > best_overlap:
            best, best_overlap = quote, overlap
    return best
