"""A cheaper way to run the shipped pipeline's attribute ruler, assigning exactly what it assigns.

spaCy's ``AttributeRuler`` tries every one of its rules (179 in ``en_core_web_sm``) at every
token with a Matcher, then builds a Span for each match: 5–7 ms per news article, a tenth of
the bare pipeline's time, for what is mostly a table lookup. :class:`AttributeRules` holds the
pipeline's own ruler, unchanged, and finds the same matches three ways:

1. the *leading* run of tag-map rules (``[{"TAG": "NN"}] → POS, MORPH``, which every token
   matches) is applied first, straight from a dict: the ruler applies rules in order, later
   ones overriding, so the rules that come first may be applied first;
2. single-token rules that name their word (``LOWER`` equal to, or in, a list) or, failing
   that, their tag, are looked up by the token's form or tag and checked in Python;
3. the rest (a dozen: several tokens, or no word nor tag to index by) stay in a small Matcher.

The matches of 2 and 3 are sorted by rule, as the ruler sorts them, and handed to the ruler's
own ``set_annotations``. ``tests/test_nlp.py`` compares every token with the shipped pipeline.
Measured on 300 articles of the ``bench_run`` corpus (CPU time, median of 5, alternating), the
ruler and the (memoised, :func:`sitrep.nlp.memoise_lemmas`) lemmatizer together: 6.35 ms per
article stock, 4.9 with the tag map alone, 1.79 with all three; the annotations of 400 articles
were identical to the stock pipeline's.
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

# the attribute ruler's own helpers (spaCy 3.8): how a rule's attrs are stored and set on a token
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

__all__ = ["AttributeRules"]

#: token attributes a Python check can read, as the Matcher reads them (string ids, or a flag)
_READ: dict[str, Callable[[Token], object]] = {
    "TAG": lambda t: t.tag,
    "LOWER": lambda t: t.lower,
    "DEP": lambda t: t.dep,
    "IS_SPACE": lambda t: t.is_space,
}
_TEXT: dict[str, Callable[[Token], str]] = {"TAG": lambda t: t.tag_, "LOWER": lambda t: t.lower_, "DEP": lambda t: t.dep_}
Check = Callable[[Token], bool]


class AttributeRules:
    """The pipeline's ``attribute_ruler`` run through a tag map, an index and a small Matcher."""

    def __init__(self, ruler):
        self.ruler = ruler
        rules = ruler.patterns  # in order: rule i is the ruler's attrs[i]
        self.tag_map: dict[int, list[dict]] = {}
        lead = 0
        while lead < len(rules) and _is_tag_rule(rules[lead]):
            tag = get_string_id(rules[lead]["patterns"][0][0]["TAG"])
            self.tag_map.setdefault(tag, []).append(normalize_token_attrs(ruler.vocab, rules[lead]["attrs"]))
            lead += 1
        self.by_word: dict[int, list[tuple[int, Check]]] = {}
        self.by_tag: dict[int, list[tuple[int, Check]]] = {}
        self.matcher = Matcher(ruler.vocab)
        self.keys: dict[int, int] = {}  # rule → the match id the ruler's set_annotations expects
        for i in range(lead, len(rules)):
            self.keys[i] = ruler.vocab.strings.add(str(i))
            if not self._index(i, rules[i]["patterns"]):
                self.matcher.add(str(i), rules[i]["patterns"])

    def _index(self, rule: int, patterns: list) -> bool:
        """File a single-token rule under its words or tags; False if it cannot be."""
        if any(len(p) != 1 for p in patterns):
            return False
        filed = []
        for (spec,) in patterns:
            check = _compile(spec)
            anchor = _anchor(spec, "LOWER") or _anchor(spec, "TAG")
            if check is None or anchor is None:
                return False
            filed.append((anchor, check))
        for (attr, values), check in filed:
            table = self.by_word if attr == "LOWER" else self.by_tag
            for value in values:
                table.setdefault(value, []).append((rule, check))
        return True

    def __call__(self, doc: Doc) -> Doc:
        tag_map, by_word, by_tag = self.tag_map, self.by_word, self.by_tag
        found = set()
        for token in doc:
            for attrs in tag_map.get(token.tag, ()):
                set_token_attrs(token, attrs)
            for rule, check in (*by_word.get(token.lower, ()), *by_tag.get(token.tag, ())):
                if check(token):
                    found.add((rule, token.i))
        strings = self.ruler.vocab.strings
        matches = [(int(strings[key]), key, start, end) for key, start, end in self.matcher(doc, allow_missing=True)] if len(self.matcher) else []
        matches += [(rule, self.keys[rule], i, i + 1) for rule, i in found]
        matches.sort()
        self.ruler.set_annotations(doc, matches)
        return doc


def _is_tag_rule(rule: dict) -> bool:
    """A rule ``[[{"TAG": "NN"}]]`` setting attributes on its one token."""
    patterns = rule["patterns"]
    return (len(patterns) == 1 and len(patterns[0]) == 1 and set(patterns[0][0]) == {"TAG"}
            and isinstance(patterns[0][0]["TAG"], str) and rule.get("index", 0) in (0, -1))  # fmt: skip


def _anchor(spec: dict, attr: str) -> Optional[tuple[str, list[int]]]:
    """The values ``attr`` must take for ``spec`` to match (equal to one, or in a list)."""
    value = spec.get(attr)
    if isinstance(value, str):
        return attr, [get_string_id(value)]
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
        return attr, [get_string_id(v) for v in value["IN"]]
    return None


def _compile(spec: dict) -> Optional[Check]:
    """A Python test of one token spec, as the Matcher reads it; None if it has other keys or operators."""
    tests = []
    for attr, value in spec.items():
        read = _READ.get(attr)
        if read is None:
            return None
        if isinstance(value, (str, bool)) and (attr == "IS_SPACE") == isinstance(value, bool):
            want = value if isinstance(value, bool) else get_string_id(value)
            tests.append(lambda t, read=read, want=want: read(t) == want)
        elif isinstance(value, dict) and len(value) == 1 and attr != "IS_SPACE":
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                ids = frozenset(get_string_id(v) for v in arg)
                inside = op == "IN"
                tests.append(lambda t, read=read, ids=ids, inside=inside: (read(t) in ids) == inside)
            elif op == "REGEX" and isinstance(arg, str):
                tests.append(lambda t, text=_TEXT[attr], pattern=re.compile(arg): bool(pattern.search(text(t))))
            else:
                return None
        else:
            return None
    return lambda token: all(test(token) for test in tests)
