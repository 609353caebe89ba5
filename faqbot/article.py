"""Read a plain-text article into its title, its body sentences and its FAQ pairs.

The FAQ section starts at a heading ("Frequently Asked Questions", "FAQ", "Q&A", "Questions and
answers", Markdown or not) or, without one, at the first marked question (`Q:`; a numbered,
bulleted or bold question; a Markdown-heading question). In it, a sentence ending in "?"
starts a question and what follows is its answer, so an answer run together with the next
question on one line (as in the seed article) is split where the question begins. Sentences
are split by pysbd (rule-based, after the "Golden Rules" of sentence boundaries: `U.S.`,
`Mr.`, `Ms.` after a quotation, `6 p.m. Dr.`, `3.5%`, `130 km (80 miles)` and quotations come
out right; sentencex and syntok each split one of those wrongly, see the README), paragraph by
paragraph, and kept verbatim: each is a `source` the KB quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

_HEADING_WORDS = (
    r"frequently\s+asked\s+questions|faqs?|q\s*(?:&|and)\s*a|questions\s+(?:and|&)\s+answers"
)
FAQ_HEADING = re.compile(
    rf"^\s*(?:#{{1,6}}\s*)?[*_]*\s*(?:{_HEADING_WORDS})\b[^\n]{{0,40}}$", re.IGNORECASE
)
MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$")
FAQ_IN_TITLE = re.compile(rf"\b(?:{_HEADING_WORDS})(?!\w)", re.IGNORECASE)
# Where a question or answer marked inline starts ("... 10 miles. Q: Is there ...? A: No.")
INLINE_MARK = re.compile(r"(?<=[.?!])\s+(?=(?:Q(?:uestion)?|A(?:nswer)?)\s*:\s)")
# A question written without its "?" ("How do I reset my password"), alone on a line of an
# FAQ section; not an answer that tells ("Do not bring glass", "May to September")
UNMARKED_QUESTION = re.compile(
    r"^(?:how|what|when|where|why|who|which|(?:can|could|do|does|did|is|are|will|should)"
    r"(?!\s+not\b))\s[^.!:;,]*[^\W_]$",
    re.IGNORECASE,
)
QUESTION_MARK = re.compile(
    r"^\s*(?:(?:[-*•]\s+)?(?:Q(?:uestion)?\s*\d*\s*[:.)]\s+|\d{1,3}\s*[.)]\s+)|[-*•]\s+)"
)
ANSWER_MARK = re.compile(r"^\s*(?:[-*]\s+)?A(?:nswer)?\s*[:.)]\s+")
# A line that is all emphasis: "**Can I pay by card?**"
EMPHASISED_LINE = re.compile(r"^\s*([*_]{1,2})(?=\S).*\S\1\s*$")
BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")
EMPHASIS = re.compile(r"^[*_]+|[*_]+$")
_EMPHASIS_OPENING = re.compile(r"([*_]+)(?:\s+|$)")
# "**bold**", "*italic*", "__bold__", "_italic_" (not the _ inside a snake_case word)
INLINE_EMPHASIS = re.compile(r"(\*\*|\*|(?<!\w)__|(?<!\w)_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
# What may close a question after its "?": quotes, brackets, emphasis.
_CLOSING = "\"'”’)]*_ "


@dataclass
class FaqPair:
    question: str
    answer_sentences: list[str] = field(default_factory=list)  # verbatim, each a `source`

    @property
    def answer(self) -> str:
        """The answer as the KB shows it: its sentences joined, a list's items (no stop of
        their own) ended with ";" and the last with ".", Markdown's emphasis marks taken out
        ("Open **Settings**" -> "Open Settings")."""
        said = self.answer_sentences
        ended = [
            s + (";" if i + 1 < len(said) else ".") if s[-1:].isalnum() else s
            for i, s in enumerate(said)
        ]
        return INLINE_EMPHASIS.sub(r"\2", " ".join(ended))


@dataclass
class Article:
    title: str | None
    body: list[str]  # sentences, in order, whitespace collapsed
    faqs: list[FaqPair]


def read_article(text: str) -> Article:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title, lines = _title(lines)
    # a page titled as one ("Library FAQ") is all FAQ, what precedes its first question aside
    start = 0 if title and FAQ_IN_TITLE.search(title) else _faq_start(lines)
    body_lines, faq_lines = lines[:start], lines[start:]
    faqs, preamble = _faq_pairs(faq_lines)
    body = [s for paragraph in _paragraphs(body_lines) for s in sentences(paragraph)]
    return Article(title, body + preamble, faqs)


def sentences(paragraph: str) -> list[str]:
    found: list[str] = []
    for segment in _segmenter().segment(paragraph):
        sentence = " ".join(segment.split())
        # pysbd ends a sentence at its "?" or ".", leaving the emphasis that closes it
        # ("**Is there parking?**") at the start of the next: it goes back where it belongs,
        # to a sentence that opened it.
        closing = _EMPHASIS_OPENING.match(sentence)
        if (
            closing
            and found
            and found[-1].startswith(closing.group(1))
            and found[-1] + closing.group(1) in " ".join(paragraph.split())  # written so
        ):
            found[-1] += closing.group(1)
            sentence = sentence[closing.end() :]
        if sentence:
            found.append(sentence)
    return found


@cache
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)  # clean=False: the text as written


def is_question(sentence: str) -> bool:
    return sentence.rstrip(_CLOSING).endswith("?")


def _title(lines: list[str]) -> tuple[str | None, list[str]]:
    """A Markdown `# Title`, or a short first line without closing punctuation followed by a
    blank line; else None. The title line is not part of the body."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, lines
    line = lines[first].strip()
    heading = MARKDOWN_HEADING.match(line)
    if heading and not FAQ_HEADING.match(line):
        return heading.group(1), lines[first + 1 :]
    followed_by_blank = first + 1 >= len(lines) or not lines[first + 1].strip()
    if (
        len(line) <= 100
        and followed_by_blank
        and line[-1] not in '.?!:;,"”'
        and (not FAQ_HEADING.match(line))
    ):
        return line, lines[first + 1 :]
    return None, lines


def _faq_start(lines: list[str]) -> int:
    """The line where the FAQ section starts (len(lines): none)."""
    for i, line in enumerate(lines):
        if FAQ_HEADING.match(line):
            return i
    for i, line in enumerate(lines):
        heading = MARKDOWN_HEADING.match(line)
        if _marked_question(line) or (heading and is_question(heading.group(1))):
            return i
    return len(lines)


def _marked_question(line: str) -> bool:
    """`Q: ...` is a question whatever it ends with; `1. ...`, `- ...` and `**...**` only
    when it ends in "?" (a numbered or bulleted line without one is a step of an answer)."""
    if EMPHASISED_LINE.match(line):
        return is_question(line)
    return bool(QUESTION_MARK.match(line)) and (line.lstrip().startswith("Q") or is_question(line))


def _faq_pairs(lines: list[str]) -> tuple[list[FaqPair], list[str]]:
    """The pairs of the FAQ section, and the sentences before its first question."""
    pairs: list[FaqPair] = []
    preamble: list[str] = []

    def answer(text: str) -> None:
        found = sentences(text)
        if pairs:
            pairs[-1].answer_sentences += found
        else:
            preamble.extend(found)

    for line in (part.strip() for raw in lines for part in INLINE_MARK.split(raw)):
        if not line or FAQ_HEADING.match(line):
            continue
        if ANSWER_MARK.match(line):
            answer(ANSWER_MARK.sub("", line))
            continue
        heading = MARKDOWN_HEADING.match(line)
        if heading or _marked_question(line):
            text = heading.group(1) if heading else QUESTION_MARK.sub("", line)
            question, *rest = sentences(EMPHASIS.sub("", text)) or [text]
            pairs.append(FaqPair(question))
            if rest:
                answer(" ".join(rest))
            continue
        found = sentences(BULLET.sub("", line))
        if len(found) == 1 and UNMARKED_QUESTION.match(EMPHASIS.sub("", found[0])):
            pairs.append(FaqPair(EMPHASIS.sub("", found[0])))  # a line that asks, "?" or not
            continue
        for sentence in found:
            if is_question(sentence):
                pairs.append(FaqPair(EMPHASIS.sub("", sentence)))
            else:
                answer(sentence)
    return [p for p in pairs if p.answer_sentences], preamble


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated paragraphs; a Markdown heading or a bullet starts a new one, and
    headings themselves are not sentences of the body."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line.strip() or MARKDOWN_HEADING.match(line):
            paragraphs.append([])
            continue
        if BULLET.match(line):
            paragraphs.append([BULLET.sub("", line)])
            continue
        paragraphs[-1].append(line.strip())
    return [" ".join(p) for p in paragraphs if p]
