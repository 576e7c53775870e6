"""Satker codes and row IDs as a reader means them, whatever characters they were typed in.

A code copied from a PDF or typed on another keyboard can look like 658021 or A-001 and not be
it: fullwidth digits (６５８０２１), Arabic-Indic digits (٦٥٨٠٢١), a Cyrillic А, a zero-width
space. Compared as typed, such a code is a second satker in the province's recap (its pagu
counted twice) or a second row ID beside the first. So codes are compared in their plain form:
Unicode's compatibility form (NFKC, which folds fullwidth forms), every decimal digit as 0-9,
letters of other scripts that are drawn like Latin ones as those letters, dashes as '-', and
invisible characters left out. What a plain form changed is reported where it matters (RAK111
for row IDs, RAK504 for the satker code), so staff retype it.

The look-alike table covers what codes are made of (Latin letters, digits, the hyphen), from
Unicode's confusables for the Cyrillic and Greek letters drawn like them: a dependency carrying
the whole confusables list would also have to ship to xlwings Lite, for these few dozen letters.
"""

from __future__ import annotations

import unicodedata

# Cyrillic and Greek letters drawn like Latin ones, and dashes drawn like the hyphen (NFKC keeps them).
_LOOKALIKES = str.maketrans({
    **dict(zip("АВЕКМНОРСТХУЅІЈԚԜаеорсхуѕіјһԛԝ", "ABEKMHOPCTXYSIJQWaeopcxysijhqw")),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνρτυχ", "ABEZHIKMNOPTYXoikvptux")),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63", "-"),
})


def _invisible(ch: str) -> bool:
    """Drawn as nothing: format characters (zero-width space, BOM, direction marks, soft hyphen) and
    control characters; a space is visible."""
    return unicodedata.category(ch) in ("Cf", "Cc") or (ch.isspace() and ch != " " and unicodedata.category(ch) != "Zs")


def _plain_char(ch: str) -> str:
    if ch.isascii() and not _invisible(ch):
        return ch
    if _invisible(ch):
        return ""
    digit = unicodedata.decimal(ch, None)
    if digit is not None:
        return str(digit)
    return "".join(str(unicodedata.decimal(c, c)) for c in unicodedata.normalize("NFKC", ch)).translate(_LOOKALIKES)


def plain(text: str) -> str:
    """`text` as a reader means it: NFKC, digits 0-9, look-alike letters and dashes as ASCII, nothing invisible."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(_plain_char(ch) for ch in text)


def unusual(text: str) -> list[str]:
    """The characters of `text` its plain form changes or drops, once each, in order."""
    if text.isascii() and text.isprintable():
        return []
    return list(dict.fromkeys(ch for ch in text if _plain_char(ch) != ch))


def described(chars: list[str]) -> str:
    """'U+0410 CYRILLIC CAPITAL LETTER A (А), U+200B ZERO WIDTH SPACE': what each character is,
    the invisible ones by name only."""
    def one(ch: str) -> str:
        name = f"U+{ord(ch):04X} {unicodedata.name(ch, 'CONTROL')}"
        return name if _invisible(ch) else f"{name} ({ch})"

    return ", ".join(one(ch) for ch in chars)


def shown(text: str) -> str:
    """`text` for a message: each invisible character written as ⟨U+200B⟩, so it can be seen."""
    return "".join(f"⟨U+{ord(ch):04X}⟩" if _invisible(ch) else ch for ch in text)


def satker_code(text: str) -> str:
    """A Kode Satker in its plain form (six ASCII digits when it was typed as six digits of any script)."""
    return plain(text).strip()


def id_key(text: str) -> str:
    """What two row IDs share when a reader takes them for one: the plain form, without case."""
    return plain(text).casefold()
