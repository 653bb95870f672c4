"""Character folding that keeps lengths: curly quotes to straight ones, dashes to "-",
odd spaces to " ". Also the sets of characters that break lines or vanish."""

from __future__ import annotations

SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
VANISHING = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width characters and soft hyphens

FOLD = str.maketrans(
    {
        **dict.fromkeys(SINGLE_QUOTES, "'"),
        **dict.fromkeys(DOUBLE_QUOTES, '"'),
        **dict.fromkeys(DASHES, "-"),
        **dict.fromkeys(SPACES, " "),
    }
)


def fold(text: str) -> str:
    """``text`` with quotes, dashes and spaces folded; same length, same offsets."""
    if text.isascii() and "\t" not in text and "`" not in text:
        return text
    return text.translate(FOLD)


def normal_char(char: str) -> str:
    """What one raw character becomes in cleaned text (line breaks -> "\\n", spaces -> " ")."""
    if char in LINE_BREAKS:
        return "\n"
    if char.isspace():
        return " "
    return char.translate(FOLD)
