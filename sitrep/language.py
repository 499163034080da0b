"""Language check before the English pipeline: cheap, no model.

English news is dense with function words ("the", "of", "said", "were"): about a third
of its words, and few of them occur in French, Spanish or German prose, whose own
function words ("le", "que", "und") almost never occur in English. Script decides
the rest: Arabic, Cyrillic or Han letters are not English whatever the words.
"""

from __future__ import annotations

import logging
import re
from collections import Counter

__all__ = ["english_score", "detect_language"]

log = logging.getLogger(__name__)

_WORD = re.compile(r"[^\W\d_]+")
_NOT_LETTER = re.compile(r"[\W\d_]+")
# Letters outside Latin (ASCII, Latin-1, Latin Extended A/B and Additional).
_NON_LATIN = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
#: Enough text to decide; keeps the check flat on a 1 MB article.
_SAMPLE = 50_000

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to a an in on at that for with as by from said says told were are was is it its his her he she "
        "they them their been has have had or but not who which this these those after before would will could "
        "should than into over about also when where while there what be being we our us you all more other some "
        "any only up out during against between since because if then how him did do does can may according "
        "my just very here now too each every many most much such both own same few off down again once "
        "why whom shall might must yet nor either neither within without through across among towards until upon "
        "although though unless whether himself itself themselves herself".split()
    ),
    "fr": frozenset(
        "le la les de des du et en un une que qui dans pour sur est sont ont été par au aux avec ce cette il ils elle "
        "pas ne plus selon mais ou leur".split()
    ),
    "es": frozenset(
        "el la los las de del y en un una que por con para se es son fue han lo su sus como pero más según tras "
        "entre".split()
    ),
    "de": frozenset(
        "der die das und ist nicht ein eine einen dem den des mit von zu im auf für sich wurde wurden bei nach auch "
        "es sind hat haben aus wie oder".split()
    ),
    "pt": frozenset(
        "o os as de da do das dos e em um uma que para com não por no na nos foi são se ao pelo pela mais "
        "segundo".split()
    ),
    "it": frozenset(
        "il lo gli le la di del della dei e è un una che per con non sono nel nella alla al da ha hanno stato".split()
    ),
    "nl": frozenset("de het een en van is dat die niet op te zijn met voor door werd er aan ook bij naar".split()),
    "tr": frozenset("ve bir bu da de için ile olarak olan en çok gibi daha sonra ama kadar göre".split()),
    "id": frozenset("yang dan di ini itu dengan untuk dari dalam tidak akan pada juga oleh ke telah".split()),
    "sw": frozenset("na ya wa kwa katika ni za la kwenye watu hiyo huo".split()),
    "so": frozenset("iyo ka ku oo waxaa ayaa uu ay ee".split()),
}
_ENGLISH = _FUNCTION_WORDS["en"]
# Other languages' function words that are not also English words ("in", "a", "is" are).
_FOREIGN = frozenset().union(*(words for lang, words in _FUNCTION_WORDS.items() if lang != "en")) - _ENGLISH


def _languages_of_words() -> dict[str, tuple[str, ...]]:
    index: dict[str, tuple[str, ...]] = {}
    for lang, words in _FUNCTION_WORDS.items():
        for word in words:
            index[word] = (*index.get(word, ()), lang)
    return index


# word → the languages it is a function word of, for one dictionary lookup per word.
_LANGUAGES_OF = _languages_of_words()
#: Calibration: realistic English news has 30–45% function words from the list above, dense
#: ACLED-style notes ~20%; 20% counts as fully English.
_FULL_SHARE = 0.2
#: Prior pseudo-counts, so that a three-word headline is not judged on three words.
_PRIOR_HITS = 1.0
_PRIOR_WORDS = 4.0

# (first, last code point, language) for scripts that identify a language or family.
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0600, 0x06FF, "ar"), (0x0750, 0x077F, "ar"), (0xFB50, 0xFDFF, "ar"), (0xFE70, 0xFEFF, "ar"),
    (0x0400, 0x052F, "ru"), (0x0370, 0x03FF, "el"), (0x0590, 0x05FF, "he"), (0x0900, 0x097F, "hi"),
    (0x0980, 0x09FF, "bn"), (0x0B80, 0x0BFF, "ta"), (0x0E00, 0x0E7F, "th"), (0x10A0, 0x10FF, "ka"),
    (0x0530, 0x058F, "hy"), (0x1200, 0x139F, "am"), (0x1000, 0x109F, "my"), (0x1780, 0x17FF, "km"),
    (0x3040, 0x30FF, "ja"), (0x4E00, 0x9FFF, "zh"), (0x3400, 0x4DBF, "zh"), (0xAC00, 0xD7AF, "ko"),
    (0x1100, 0x11FF, "ko"),
)  # fmt: skip
# Letters that tell languages written in the same script apart.
_PASHTO = re.compile("[ټډړښږځڅۍې]")
_URDU = re.compile("[ٹڈڑےں]")
_PERSIAN = re.compile("[پچژگ]")
_UKRAINIAN = re.compile("[іїєґІЇЄҐ]")


def english_score(text: str) -> float:
    """How English ``text`` looks, 0..1: Latin-script share x function-word evidence."""
    sample = text[:_SAMPLE]
    letters = _count_letters(sample)
    if not letters:
        return 0.0
    latin = 1.0 - len(_NON_LATIN.findall(sample)) / letters
    words = _WORD.findall(sample.lower())
    english = foreign = 0
    for word in words:
        if word in _ENGLISH:
            english += 1
        elif word in _FOREIGN:
            foreign += 1
    share = (english + _PRIOR_HITS) / (len(words) + _PRIOR_WORDS)
    contrast = (english + 1) / (english + foreign + 1)
    score = latin * min(1.0, share / _FULL_SHARE) * contrast
    log.debug("english_score %.2f (latin %.2f, share %.2f, contrast %.2f)", score, latin, share, contrast)
    return round(score, 3)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of ``text`` (best guess), or ``"und"``."""
    sample = text[:_SAMPLE]
    letters = _count_letters(sample)
    if letters < 3:
        return "und"
    script = _dominant_script(_NON_LATIN.findall(sample), letters)
    if script is not None:
        return _refine_script(script, sample)
    hits: Counter[str] = Counter()
    for word in _WORD.findall(sample.lower()):
        hits.update(_LANGUAGES_OF.get(word, ()))
    if hits:
        best, count = hits.most_common(1)[0]
        if best == "en" or count > hits["en"]:
            return best
    return "en" if english_score(sample) >= 0.5 else "und"


def _count_letters(text: str) -> int:
    return len(_NOT_LETTER.sub("", text))


def _dominant_script(others: list[str], letters: int) -> str | None:
    """The language of the non-Latin script most letters are in, None when Latin dominates."""
    if len(others) * 2 <= letters:
        return None
    counts: Counter[str] = Counter()
    for letter in others:
        code = ord(letter)
        for first, last, lang in _SCRIPTS:
            if first <= code <= last:
                counts[lang] += 1
                break
    if not counts:
        return None
    lang, count = counts.most_common(1)[0]
    # Japanese mixes kana with Han characters: any kana at all means Japanese.
    if lang == "zh" and counts["ja"]:
        lang, count = "ja", count + counts["ja"]
    return lang if count * 2 > letters else None


def _refine_script(lang: str, sample: str) -> str:
    if lang == "ar":
        if _PASHTO.search(sample):
            return "ps"
        if _URDU.search(sample):
            return "ur"
        if _PERSIAN.search(sample):
            return "fa"
    if lang == "ru" and _UKRAINIAN.search(sample):
        return "uk"
    return lang
