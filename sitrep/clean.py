"""Stage 2, clean: drop the page's leftovers from article text, line by line.

Scraped text arrives with sign-up forms, share buttons, photo credits, cookie banners
and comment sections flattened into it. Each line is judged by compiled patterns and
its shape; a few rules then look at neighbours (the rest of a comment section, the
link list under "Related:", a form's field labels between removed lines).

Keeping report sentences matters more than catching the last ad: a line shaped like a
sentence (ends in punctuation, six words or more, mostly lower case) is only removed by
patterns anchored on a phrase no report sentence starts with ("Subscribe to our
newsletter", "The views expressed", "We use cookies"). Words that reports do use
("Telegram", "photo", "newsletter", "phone") never remove a sentence on their own.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

__all__ = ["Cleaned", "clean_text", "fold_spaces", "is_boilerplate"]

log = logging.getLogger(__name__)


@dataclass
class Cleaned:
    """Clean article text (paragraphs joined by a blank line) and the lines dropped from it."""

    text: str
    removed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    max_words: int = 15
    #: may remove a sentence-shaped line (only patterns anchored on boilerplate phrasing)
    sentences: bool = False
    #: may remove a sentence that attributes ("..., the ministry said"): ads never do
    attributed: bool = True


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_PHONE = r"(?<![\w+])\+\d{1,3}[\s.-]?(?:\(?\d{1,4}\)?[\s.-]?){2,5}\d{2,4}\b|\(\d{3}\)\s?\d{3}[\s.-]\d{4}\b|\b\d{3}[.-]\d{3}[.-]\d{4}\b"
_AGENCY = r"AFP|Reuters|AP(?: Photo)?|EPA(?:-EFE)?|Getty Images|Anadolu(?: Agency)?|Xinhua|Shutterstock|Alamy|dpa|ANI|IANS|PTI|Sipa"
_SOCIAL = (
    r"facebook|twitter|x|linkedin|whatsapp|telegram|reddit|e-?mail|print|pinterest|copy link|tweet|share|"
    r"messenger|flipboard|pocket|tumblr|vk|instagram|youtube|tiktok|threads|bluesky|mastodon|sms"
)

_COURSE = r"course|masterclass|workshop|webinar|bootcamp|diploma|certificate|classes|training\s+programme"
_CALL = (
    r"(?:enrol+|register|sign\s*up|book|apply|join)\s+(?:now|today|here|online|before|by)\b|save\s+\d{1,2}\s?%"
    r"|\d{1,2}\s?%\s+off\b|places\s+are\s+limited|limited\s+places|seats\s+are\s+limited|book\s+your\s+(?:seat|place)"
    r"|enrol+ment\s+(?:is\s+)?(?:now\s+)?open|early[- ]bird"
)

_RULES: tuple[_Rule, ...] = (
    _Rule("newsletter", _rx(
        r"^(?:please\s+)?(?:subscribe|sign\s*up|register|join)\b[^.!?]{0,100}\b(?:newsletters?|inbox|e-?mails?|briefing|digest|alerts|mailing list)\b",
        r"\b(?:delivered|sent)\s+(?:straight\s+|directly\s+)?to\s+your\s+inbox\b",
        r"^(?:get|receive)\s+(?:our|the)\b[^.!?]{0,80}\b(?:newsletter|briefing|digest|bulletin|alerts)\b",
        r"\bsign\s*up\s+for\s+(?:our|the)\b[^.!?]{0,60}\b(?:edition|newsletter|briefing|digest|bulletin|updates|alerts)\b",
        r"^(?:like|enjoy(?:ing|ed)?|love)\s+this\s+(?:story|article|digest|newsletter|briefing|report)\s*\?",
        r"^(?:never|don'?t|do not)\s+miss\s+(?:a|an|out|our|the latest)\b",
        r"^by\s+(?:signing up|subscribing|clicking|submitting|registering)\b",
        r"\bunsubscribe\s+(?:at any time|anytime)\b",
        r"^thank(?:s| you) for (?:subscribing|signing up|registering)\b",
        r"^(?:please\s+)?enter\s+(?:a\s+)?valid\s+e-?mail",
        r"^we respect your privacy\b",
    ), max_words=60, sentences=True, attributed=False),
    _Rule("newsletter form", _rx(
        r"^(?:(?:first|last|full|given|family|your|sur)\s*name|name|e-?mail(?:\s+address)?|your\s+e-?mail(?:\s+address)?"
        r"|phone(?:\s+number)?|company|organi[sz]ation|job\s+title|country|city|zip(?:\s+code)?|post\s?code|message|website)"
        r"\s*\*?\s*:?\s*\*?$",
        r"^\*\s*(?:indicates\s+)?required(?:\s+fields?)?$|^required(?:\s+fields?)?\s*\*?$",
        r"^(?:sign\s*up|subscribe|submit|send|register|join(?: now)?|go|search|menu|close|skip to (?:main )?content"
        r"|log\s?in|sign\s?in|accept|reject all|accept all(?: cookies)?|i agree|got it)\s*[!.]?$",
        r"^(?:powered|form|built|made)\s+(?:by|with)\s+\S",
        r"^subscribe\b|^sign\s*up\b|\bnewsletters?\b",
    ), max_words=8),
    _Rule("ad", _rx(
        r"^(?:enrol+|register|sign\s*up|join|buy|shop|download|try|claim|get|grab)\b(?:\s+(?:now|today))?"
        r"[^.!?]{0,120}\b(?:course|masterclass|class(?:es)?|training|workshop|webinar|bootcamp|certificat\w*|e-?book"
        r"|app|free trial|discount|coupon|promo|offer|deal|subscription|membership|tickets?)\b",
        r"\b\d{1,2}\s?%\s+off\b|\b(?:promo|discount|coupon)\s+code\b|\blimited[- ]time\s+offer\b|\bfree\s+trial\b",
        r"^(?:sponsored|advertisement|advert|ad|promoted|promotion|partner\s+content|paid\s+content)\s*[:|–—-]\s*\S",
        # A course advertised with a call to action, in either order.
        rf"\b(?:{_COURSE})\b.{{0,120}}\b(?:{_CALL})|\b(?:{_CALL}).{{0,120}}\b(?:{_COURSE})\b",
        r"\b(?:in|from|at|visit)\s+our\s+(?:online\s+)?(?:shop|store|bookshop)\b",
    ), max_words=40, sentences=True, attributed=False),
    _Rule("contact", _rx(
        rf"^(?:contact(?: us)?|e-?mail(?: us)?|tel|telephone|phone|call(?: us)?|fax|whatsapp|write to|reach us"
        rf"|for (?:tips|inquiries|enquiries|more information|corrections)|send (?:us )?(?:your )?(?:tips|news|stories)"
        rf"|press (?:contact|inquiries|office))\b.{{0,120}}(?:{_EMAIL}|{_PHONE})",
    ), max_words=40, sentences=True),
    _Rule("contact line", _rx(_EMAIL, _PHONE), max_words=20),
    _Rule("image credit", _rx(
        r"^(?:photo|photograph|image|picture|pic|file photo|main image|top image|featured image|header image|graphic"
        r"|illustration|video)s?\s*(?:credit)?\s*[:：|©]",
        r"^(?:image|photo|picture)\s+(?:credit|courtesy|source)\b|^file\s+(?:photo|image|picture|footage)\b",
        rf"/\s*(?:{_AGENCY})(?:\s+via Getty Images)?\s*\)?\.?$|\bvia Getty Images\s*\)?\.?$",
        r"\((?:photo|image|picture)\b[^()]*\)\.?$",
    ), max_words=60, sentences=True),
    _Rule("image credit line", _rx(r"^(?:photos?|images?|pictures?)\s+(?:by|courtesy)\b"), max_words=12),
    _Rule("share", _rx(
        r"^share\s+(?:on|via|to|this|the\s+(?:article|story|page)|article|story|page)\b|^share\s*(?:this)?\s*:",
        r"^like\s+us\s+on\b",
        rf"^follow\s+(?:\S+\s+){{0,4}}on\s+(?:{_SOCIAL})\b",
        r"^follow\s+(?:us|@)|^(?:join|follow)\s+(?:us|our)\b[^.!?]{0,60}\b(?:on|channel|community|group|page)\b",
        rf"^(?:(?:{_SOCIAL})\s*[|•·,/]?\s*)+$",
    ), max_words=15, sentences=True),
    _Rule("comments", _rx(
        r"^(?:\d+\s+)?(?:comments?|responses?|replies)\s*(?:\(\d+\))?\s*:?$",
        r"^(?:leave|post|add|write|submit)\s+a\s+(?:comment|reply|response)\b",
        r"^join\s+the\s+(?:discussion|conversation)\b|^(?:reader|readers'?|user)\s+comments\b",
        r"^(?:show|view|load|see|hide)\s+(?:all\s+)?(?:\d+\s+)?comments\b|^comments\s+are\s+closed\b",
        r"^you must be logged in to (?:post|leave) a comment\b|^your e-?mail address will not be published\b",
    ), max_words=15, sentences=True),
    _Rule("disclaimer", _rx(
        r"^(?:the\s+)?(?:views|opinions)\s+(?:and\s+opinions\s+)?expressed\b",
        r"^this\s+(?:article|story|report|piece|post|column)\s+(?:was|has\s+been|is)\s+"
        r"(?:written|produced|updated|originally\s+published|first\s+published|amended|corrected|republished|translated)\b",
        r"^disclaimer\s*:|^editor'?s\s+note\s*:",
        r"\b(?:views|opinions)\s+expressed\b.{0,80}\b(?:not\s+necessarily|own|personal|do\s+not\s+(?:necessarily\s+)?(?:reflect|represent))\b",
        r"\bwrites?\s+in\s+(?:a|his|her|their)\s+personal\s+capacity\b",
        # Wire sign-offs: "(Reporting by A in Kabul; Editing by B)".
        r"^\(?(?:additional\s+)?(?:reporting|writing)\s+by\s+[A-Z][^.;]*(?:;|\bediting\s+by\b)|^\(?editing\s+by\s+[A-Z]",
    ), max_words=80, sentences=True, attributed=False),
    _Rule("copyright", _rx(
        r"^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}))",
        r"\ball\s+rights\s+reserved\b",
    ), max_words=40, sentences=True),
    _Rule("read more", _rx(
        r"^(?:read|see)\s+(?:more|also|next)\b|^(?:also\s+read|read\s+next|further\s+reading)\b",
        r"^related(?:\s+(?:stories|articles|coverage|content|news|topics|posts|reading))?\s*(?:[:»>|–—-].*)?$",
        r"^(?:recommended(?:\s+for\s+you)?|trending(?:\s+now)?|most\s+(?:read|popular|viewed|shared)|more\s+stories"
        r"|top\s+stories|latest\s+(?:news|stories)|you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in))"
        r"\s*(?:[:»>|–—-].*)?$",
    ), max_words=30, sentences=True),
    _Rule("cookies", _rx(
        r"\bcookies?\b.{0,200}\b(?:accept|consent|privacy|preferences|settings|browsing|experience|policy)\b",
        r"^(?:we|this\s+(?:site|website))\s+uses?\s+cookies\b",
    ), max_words=60, sentences=True),
    _Rule("advertisement", _rx(
        r"^(?:advertisement|advertising|sponsored(?:\s+(?:content|post|by\b.*))?|ad|promoted(?:\s+content)?"
        r"|paid\s+(?:content|post|partnership)|story\s+continues\s+below(?:\s+advertisement)?"
        r"|scroll\s+to\s+continue(?:\s+with\s+content)?|continue\s+reading(?:\s+(?:below|the\s+main\s+story))?"
        r"|skip\s+(?:ad|advertisement)|article\s+continues\s+(?:below|after\s+(?:this\s+)?advertisement))\s*:?$",
    ), max_words=10, sentences=True),
    _Rule("page furniture", _rx(
        r"^(?:listen\s+to\s+(?:this\s+)?article|print(?:\s+this)?(?:\s+(?:article|page))?|save(?:\s+article)?|bookmark"
        r"|(?:tags?|topics?|filed\s+under|categories?)\s*:.*|\d+\s+min(?:ute)?s?\s+read|reading\s+time\s*:?.*)$",
        r"^(?:home|homepage|news|latest|menu|search|back\s+to\s+top|top|next|previous|prev|more|load\s+more)$",
        r"^[^|•·›»]{1,40}(?:\s*[|•·›»]\s*[^|•·›»]{1,40}){2,}$",  # menus and breadcrumbs: "Home | World | Asia"
    ), max_words=20),
    # Bylines name the writer, not an actor of the report; matched case-sensitively (names).
    _Rule("byline", re.compile(
        r"^(?:By|BY|Written by|Reporting by)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}"
        r"(?:\s*(?:,|and|&|\||in|for)\s+[A-Z][\w.' -]*)*$"
    ), max_words=12),
)
#: A comment section runs to the end of the page. Headers earlier than this share of the
#: text are "Leave a comment" links next to the byline, not the section itself.
_COMMENTS_FROM = 0.4
_LIST_HEADER = re.compile(
    r"^(?:related(?:\s+\w+)?|read\s+(?:more|also|next)|see\s+also|also\s+read|more\s+stories|recommended(?:\s+for\s+you)?"
    r"|most\s+(?:read|popular|viewed)|trending(?:\s+now)?|top\s+stories|latest\s+news)\s*:?$",
    re.IGNORECASE,
)
_MAX_FRAGMENT_WORDS = 4
_MAX_MASTHEAD_WORDS = 6
_DATELINE = re.compile(r"^[A-Z][A-Z'’.-]{2,}\b")
#: Lines after a bare "Related:" header are headlines of links, up to this many.
_MAX_LINK_LIST = 12
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|according\s+to|reported|added|claimed|stated|announced)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_LOWER_WORD = re.compile(r"\b[a-z]")
_BLANK_LINES = re.compile(r"\n\s*\n")


#: no-break, thin and other fixed-width spaces: spaCy makes each a token of its own, which breaks
#: the parse of "29\u202f882 soldiers"; the ingest readers already fold them, a RawDocument built
#: by hand may not, so the pipeline folds them before cleaning (:func:`fold_spaces`)
_ODD_SPACES = str.maketrans({c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                                             "\u2009\u200a\u202f\u205f\u3000"})


def fold_spaces(text: str) -> str:
    """``text`` with fixed-width spaces as plain spaces, one for one (offsets unchanged)."""
    return text.translate(_ODD_SPACES)


def clean_text(text: str) -> Cleaned:
    """Remove boilerplate lines from ``text``; keep every line of the report."""
    blocks = [[line.strip() for line in block.split("\n") if line.strip()] for block in _BLANK_LINES.split(text)]
    lines = [line for block in blocks for line in block]
    drop = _judge(lines)
    kept_blocks: list[str] = []
    removed: list[str] = []
    i = 0
    for block in blocks:
        kept = []
        for line in block:
            (removed if drop[i] else kept).append(line)
            i += 1
        if kept:
            kept_blocks.append("\n".join(kept))
    return Cleaned(text="\n\n".join(kept_blocks), removed=removed)


def is_boilerplate(line: str) -> bool:
    """True when one line on its own is page furniture (a menu, a share button, a credit)."""
    return _rule_for(line.strip()) is not None


def _judge(lines: list[str]) -> list[bool]:
    """Which lines to drop: each on its own, then by neighbourhood."""
    verdicts = [_rule_for(line) for line in lines]
    drop = [verdict is not None for verdict in verdicts]
    _drop_comment_section(lines, verdicts, drop)
    _drop_link_lists(lines, drop)
    _drop_form_leftovers(lines, drop)
    return drop


def _rule_for(line: str) -> str | None:
    """The name of the first rule that removes ``line``, or None to keep it."""
    words = len(line.split())
    sentence = _is_sentence(line, words)
    attributed = sentence and bool(_ATTRIBUTION.search(line))
    for rule in _RULES:
        if words > rule.max_words or (sentence and not rule.sentences) or (attributed and not rule.attributed):
            continue
        if rule.pattern.search(line):
            log.debug("clean: %s: %r", rule.name, line[:80])
            return rule.name
    return None


def _is_sentence(line: str, words: int) -> bool:
    """Shaped like a report sentence: long enough, closed by punctuation, not a run of names."""
    return words >= 6 and bool(_SENTENCE_END.search(line)) and len(_LOWER_WORD.findall(line)) >= words // 3


def _drop_comment_section(lines: list[str], verdicts: list[str | None], drop: list[bool]) -> None:
    """A comment-section header late in the page: everything after it is readers' comments."""
    total = sum(len(line) for line in lines) or 1
    seen = 0
    for i, line in enumerate(lines):
        if verdicts[i] == "comments" and seen / total >= _COMMENTS_FROM:
            for j in range(i, len(lines)):
                drop[j] = True
            return
        seen += len(line)


def _drop_link_lists(lines: list[str], drop: list[bool]) -> None:
    """Headlines listed under a bare "Related:" or "Read more" line (no sentence ends them)."""
    for i, line in enumerate(lines):
        if not (drop[i] and _LIST_HEADER.match(line)):
            continue
        for j in range(i + 1, min(i + 1 + _MAX_LINK_LIST, len(lines))):
            words = len(lines[j].split())
            if words > 20 or _SENTENCE_END.search(lines[j]):
                break
            drop[j] = True


def _drop_form_leftovers(lines: list[str], drop: list[bool]) -> None:
    """A short fragment between removed lines (a form's field label, a button) goes with them.

    The first line, before page furniture, is usually the site's masthead ("The Ledger —
    English edition"); a dateline ("KABUL, Afghanistan") is kept for the geoparser.
    """
    last = len(lines) - 1
    for i, line in enumerate(lines):
        words = len(line.split())
        if drop[i] or words > _MAX_MASTHEAD_WORDS or _SENTENCE_END.search(line):
            continue
        before = drop[i - 1] if i > 0 else False
        after = drop[i + 1] if i < last else False
        if words <= _MAX_FRAGMENT_WORDS and ((before and after) or (i == last and before)):
            drop[i] = True
        elif i == 0 and after and not _DATELINE.match(line):
            drop[i] = True
