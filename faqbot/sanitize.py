"""Make untrusted text safe to print: no terminal control sequences can survive.

Knowledge-base text and questions come from other people. An ESC byte would let them clear
the screen or retitle the terminal, and bidi overrides can make text read differently from
what it is. We drop every control and format character except newline and tab.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls except \t and \n, DEL, plus the Unicode bidi embedding/override/isolate
# controls, line/paragraph separators, and invisible formatting (zero-width, BOM).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)


def sanitize(text: str) -> str:
    """Return `text` with control/format characters removed and CRLF folded to LF."""
    if text.isprintable():  # no control, format or line-break character at all: most text
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _UNSAFE.sub("", text)
    # Any remaining category-C character other than \n/\t (e.g. unassigned or surrogates from
    # undecodable bytes) is dropped too; the fast regex above handles the common cases.
    # str.isprintable is False for every category-C character (and a few spaces), so text it
    # passes needs no character-by-character look: most text, at C speed.
    if text.replace("\n", "").replace("\t", "").isprintable():
        return text
    return "".join(c for c in text if unicodedata.category(c)[0] != "C" or c in "\n\t")


def one_line(text: str) -> str:
    """Sanitised text folded onto one line, for line-oriented output."""
    return " ".join(sanitize(text).split())
