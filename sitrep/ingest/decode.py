"""Bytes to text: refuse binary files, find the encoding, strip control characters.

The cascade, first match wins:

1. a byte-order mark (UTF-32 before UTF-16, whose BOM is a prefix of UTF-32-LE's);
2. the NUL-byte pattern of UTF-32 / UTF-16 without a BOM (ASCII characters carry
   NUL high bytes at one parity only);
3. magic bytes and control-byte share: PDF, images, archives → :class:`BinaryInput`;
4. strict UTF-8: valid non-ASCII UTF-8 almost never happens by accident, so it wins
   over a declared charset (pages that declare ``iso-8859-1`` but serve UTF-8 are common);
5. the charset the document declares (``<meta charset>``, XML declaration), if it decodes;
6. UTF-8 with every invalid byte read as cp1252: pure Latin-1 text, and UTF-8 pages
   with a few pasted Latin-1 bytes, both come out readable.

Whatever comes out must look like text, or :class:`EncodingError` is raised.
"""

from __future__ import annotations

import codecs
import logging
import re

from ..errors import BinaryInput, EncodingError

__all__ = ["decode_bytes", "binary_kind"]

log = logging.getLogger(__name__)

# Longest first where one signature is a prefix of another (UTF-32-LE starts with UTF-16-LE's BOM).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an MS Office (OLE) document"),
    (b"\x7fELF", "an ELF executable"),
    (b"OggS", "an Ogg media file"),
)
_BZIP2 = re.compile(rb"\ABZh[1-9]1AY&SY")
_RIFF_KINDS = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}

#: How much of the input the sniffers look at; enough for a stable share, cheap on 20 MB.
_HEAD = 8192
# C0 controls that never occur in text (TAB, LF, VT, FF, CR and ESC may), plus DEL.
_CONTROL_BYTES = bytes([*range(0, 9), 14, 15, *range(16, 27), 28, 29, 30, 31, 127])
#: Calibration: plain text files have no such bytes, a stray NUL or two at most; random or
#: compressed bytes have ~11%. 5% separates them with room on both sides.
_MAX_CONTROL_SHARE = 0.05

_DECLARED = re.compile(
    r"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
# WHATWG: browsers read these labels as windows-1252, and so do real pages.
_AS_CP1252 = {"ascii", "latin-1", "iso8859-1", "iso8859-15", "cp819"}
_WIDE = ("utf-16", "utf-32")

_ESCAPED = re.compile("[\udc80-\udcff]")
# Characters dropped from decoded text: NUL and the other C0 controls, DEL, C1 controls.
# Vertical tab and form feed become line breaks (lxml refuses them in element text).
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = ("\x0b", "\x0c")
_JUNK = re.compile(r"""[^\w\s.,;:!?'"()\[\]{}<>/\\@#%&*+=~`^|$€£¥§°’‘“”„«»–—…•·-]""")
_FOLDED_LETTER = re.compile("[\u00c0-\u00ff]")
_LETTER = re.compile(r"[^\W\d_]")
#: Calibration: in real text under 5% of characters are outside letters, digits, spaces and
#: everyday punctuation; random high bytes read as cp1252 give ~50%.
_MAX_JUNK_SHARE = 0.2
#: Accented Latin-1 letters among all letters: French ~4%, Icelandic under 20%; Cyrillic or
#: Greek bytes misread as cp1252 give nearly 100%.
_MAX_FOLDED_SHARE = 0.35


def binary_kind(data: bytes) -> str | None:
    """Name the kind of non-text file ``data`` is ("a PNG image"), or None for text.

    Only for bytes without a BOM or UTF-16/32 NUL pattern, whose NULs are text.
    """
    return _magic_kind(data) or _control_kind(data[:_HEAD])


def _magic_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if _BZIP2.match(data):
        return "a bzip2 archive"
    if data[:4] == b"RIFF" and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    if data[4:8] == b"ftyp":
        return "an MP4/QuickTime media file"
    return None


def _control_kind(head: bytes | str) -> str | None:
    if isinstance(head, str):
        head = head[:_HEAD].encode("utf-8", errors="replace")
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and controls / len(head) > _MAX_CONTROL_SHARE:
        return f"binary data ({100 * controls // len(head)}% control bytes)"
    return None


def decode_bytes(data: bytes, *, input: str) -> str:
    """Decode ``data`` to text; raise BinaryInput or EncodingError naming ``input``."""
    text, how = _decode(data, input=input)
    if _CONTROL_CHARS.search(text):  # rare: a scan is far cheaper than a rewrite
        text = _CONTROL_CHARS.sub(_control_replacement, text)
    _check_readable(text, how=how, input=input)
    log.debug("%s: decoded as %s", input, how)
    return text


def _control_replacement(match: re.Match[str]) -> str:
    return "\n" if match.group() in _LINE_BREAKS else ""


def _decode(data: bytes, *, input: str) -> tuple[str, str]:
    kind = _magic_kind(data)
    if kind is None:
        text, codec = _decode_wide(data, input=input)
        if codec:
            kind = _control_kind(text)
            if kind is None:
                return text, codec
        else:
            kind = _control_kind(data[:_HEAD])
    if kind:
        raise BinaryInput(f"not text: {kind}", input=input, hint="give sitrep an HTML, text or markdown file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_codec(data[:_HEAD])
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            log.debug("%s: declared charset %s does not fit the bytes", input, declared)
    return _utf8_or_cp1252(data), "utf-8+cp1252"


def _decode_wide(data: bytes, *, input: str) -> tuple[str, str | None]:
    """Text with a BOM, or UTF-32/16 told by its NUL pattern; ``("", None)`` otherwise."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], codec, input=input), codec
    wide = _wide_codec(data[:_HEAD])
    if wide:
        try:
            return data.decode(wide), wide
        except UnicodeDecodeError:
            log.debug("%s: NUL pattern of %s but not decodable as such", input, wide)
    return "", None


def _strict(data: bytes, codec: str, *, input: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise EncodingError(
            f"byte-order mark says {codec} but byte {err.start} is invalid in it",
            input=input,
            hint="re-save the file in UTF-8",
        ) from err


def _wide_codec(head: bytes) -> str | None:
    """UTF-32/16 without BOM, told by where the NUL bytes fall."""
    n32 = len(head) // 4 * 4
    if n32 >= 8:
        share = [head[i:n32:4].count(0) / (n32 // 4) for i in range(4)]
        # Every BMP character has two NUL high bytes in UTF-32.
        if share[2] > 0.95 and share[3] > 0.95 and share[0] < 0.05:
            return "utf-32-le"
        if share[0] > 0.95 and share[1] > 0.95 and share[3] < 0.05:
            return "utf-32-be"
    n16 = len(head) // 2 * 2
    if n16 < 4:
        return None
    even = head[0:n16:2].count(0) / (n16 // 2)
    odd = head[1:n16:2].count(0) / (n16 // 2)
    # Even Arabic or Cyrillic text has ~15% spaces, digits and punctuation (NUL high byte).
    if odd > 0.15 and even < 0.02:
        return "utf-16-le"
    if even > 0.15 and odd < 0.02:
        return "utf-16-be"
    return None


def _declared_codec(head: bytes) -> str | None:
    match = _DECLARED.search(head.decode("latin-1"))
    if not match:
        return None
    label = match.group(1) or match.group(2)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        log.debug("unknown declared charset %r", label)
        return None
    if name == "utf-8" or name.startswith(_WIDE):
        # UTF-8 was tried already; a wide charset declared in ASCII-compatible bytes is wrong.
        return None
    return "cp1252" if name in _AS_CP1252 else name


def _utf8_or_cp1252(data: bytes) -> str:
    """UTF-8 where the bytes are valid UTF-8, cp1252 (then Latin-1) for every other byte."""
    text = data.decode("utf-8", errors="surrogateescape")
    return _ESCAPED.sub(_cp1252_char, text)


def _cp1252_char(match: re.Match[str]) -> str:
    byte = bytes([ord(match.group()) - 0xDC00])
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:
        # The five bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
        return byte.decode("latin-1")


def _check_readable(text: str, *, how: str, input: str) -> None:
    sample = text[:20000]
    if not sample.strip():
        return
    junk = len(_JUNK.findall(sample))
    if junk / len(sample) > _MAX_JUNK_SHARE:
        raise EncodingError(
            f"decoded as {how} but {100 * junk // len(sample)}% of characters are symbols: not readable text",
            input=input,
            hint="check that the file is text; re-save it in UTF-8",
        )
    if how != "utf-8+cp1252":
        return
    letters = len(_LETTER.findall(sample))
    folded = len(_FOLDED_LETTER.findall(sample))
    if letters and folded / letters > _MAX_FOLDED_SHARE:
        raise EncodingError(
            "not UTF-8 and no usable charset declared; as cp1252 it reads as garbage",
            input=input,
            hint="re-save the file in UTF-8, or declare its charset in a <meta charset> tag",
        )
