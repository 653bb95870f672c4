"""Bytes to text: spot binary data, detect the encoding, build a printable sample.

Decoding order: a BOM, then strict UTF-8, then charset-normalizer's best guess. A file is
"binary" when it starts with a known binary signature or holds NUL bytes outside UTF-16/32.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Any

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "old office document"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_CONTROL_SHARE = 0.05
_PREFERRED = ("utf_8", "cp1252", "latin_1", "iso8859_15")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Either ``text`` (decoded) or an error ``code`` with a ``detail``."""

    text: str | None
    code: str = ""
    detail: str = ""
    encoding: str = ""


def printable_sample(data: bytes | str, limit: int = 80) -> str:
    """The first characters of an item, with anything unprintable shown as a dot."""
    text = data[: limit * 4].decode("utf-8", "replace") if isinstance(data, bytes) else data
    return "".join(ch if ch.isprintable() else "." for ch in text[:limit])


def binary_kind(data: bytes) -> str | None:
    """Name the kind of binary data, or None when the bytes may be text."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if any(data.startswith(bom) for bom, name in _BOMS if name != "utf-8-sig"):
        return None
    if b"\x00" in data[:65536]:
        return "it contains NUL bytes"
    return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    bad = sum(1 for ch in sample if ch < " " and ch not in "\n\r\t\f\v" or ch == "\ufffd")
    return bad / len(sample)


def _detect(data: bytes) -> tuple[str | None, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                return None, ""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = best_guess(data)
    if best is None:
        return None, ""
    return str(best), best.encoding


def best_guess(data: bytes) -> Any:
    """charset-normalizer's best match; among equally good ones, Western encodings first."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    first = matches[0]
    ties = [m for m in matches if m.chaos <= first.chaos and m.coherence >= first.coherence - 0.01]
    return min(ties, key=lambda m: _PREFERRED.index(m.encoding) if m.encoding in _PREFERRED else len(_PREFERRED))


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` to text, or say why it cannot be (E101, E102, E104)."""
    if not data.strip():
        return Decoded(None, "E101")
    kind = binary_kind(data)
    if kind is not None:
        return Decoded(None, "E102", kind)
    text, encoding = _detect(data)
    if text is None:
        return Decoded(None, "E104")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        return Decoded(None, "E102", "it is mostly control characters")
    if not text.strip():
        return Decoded(None, "E101")
    return Decoded(text.lstrip("\ufeff"), encoding=encoding)
