"""The English the drafting rules read (`resources/drafting.json`), and the patterns of
names and times built with it. The words are data, so that a rule's English can be mended
without touching the rules that read it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# A capitalised word, as an apostrophe may join one ("O'Brien"), but not an owner's "'s".
CAPITALISED = r"[A-Z][\w-]*(?:[’'](?!s\b)[\w-]+)*"


# A name of up to three capitalised words written as an owner: "Kim's", "North Korea’s".
OWNER = re.compile(rf"\b((?:{CAPITALISED}\s){{0,2}}{CAPITALISED})[’']s\b")


@dataclass(frozen=True)
class _Money:
    symbols: str  # "$£€": before the figure
    after: re.Pattern[str]  # after the figure: a scale ("million"), then a currency word
    named: frozenset[str]  # the currency words, lowered


@dataclass(frozen=True)
class _OpenQuestion:
    frame: re.Pattern[str]  # "it remains to be seen", before one of the words that ask
    yes_no: frozenset[str]  # whether, if: asked as a yes-no question
    subject_wh: frozenset[str]  # what, who: may be the clause's subject ("who will lead")


@dataclass(frozen=True)
class Rules:
    discourse: tuple[str, ...]
    subordinators: tuple[str, ...]
    auxiliaries: frozenset[str]
    be_forms: frozenset[str]  # "it was a robbery": what "it" is, not what it does
    contrasting: frozenset[str]  # "but", "while": a second clause follows
    same_subject: frozenset[str]  # "and", "but": a second verb phrase of the same subject
    irregular_past: dict[str, str]
    determiners: frozenset[str]
    wh_for_type: dict[str, str]
    wh_for_time_preposition: dict[str, str]  # since: "Since when"
    starting_from: dict[str, str]  # from: "start to" ("When will they start to open?")
    starting_verbs: frozenset[str]  # "start", "begin": no "start to" before them
    place: re.Pattern[str]
    time_preposition: str
    reporting: re.Pattern[str]  # "sources say that", "it is possible that"
    relative_insert: re.Pattern[str]  # ", where the meeting is expected to take place,"
    own_phrase: re.Pattern[str]  # "since assuming", "amid": a phrase with its own time or place
    adverbs: frozenset[str]
    participles: frozenset[str]
    cardinals: frozenset[str]
    count_adverbs: frozenset[str]  # once, twice: how many times, not when or where
    numbering: frozenset[str]  # "number", "platform": a figure after them names, not counts
    plurals_without_s: frozenset[str]  # people, children: plurals all the same
    unit_scales: frozenset[str]  # "Celsius": goes with the unit before it
    distance_as_time: frozenset[str]  # "after 35 kilometres": when, on the way
    clause_openers: frozenset[str]  # "after", "because": a clause inside the sentence
    percent: re.Pattern[str]  # "%", "per cent": after a figure, a share, asked how much
    approximate: re.Pattern[str]  # "about", "up to": the end of a text, before a figure
    frequency: re.Pattern[str]  # "every", "each": the end of a text, before a time
    dimension: re.Pattern[str]  # "long", "wide": what a distance states the size of, after it
    age: re.Pattern[str]  # "old": a time that states an age, after it ("16 years old")
    past_after_one: frozenset[str]  # past after one ("It cost"), present after many
    money: _Money  # what says a figure is a sum of money
    duration: re.Pattern[str]  # "for 60 years": how long
    calendar: frozenset[str]  # months and days: a time, written capitalised, with no figure
    named_time_tail: str  # a pattern: what goes with a named month or day (_named_time_tail)
    prepositions: frozenset[str]
    personal: frozenset[str]  # he, she: who they are, the sentences before may say
    # his: whose, the same way ("her" is left: it is as often the object, "met her")
    possessive: frozenset[str]
    # him, her: an object, someone other than the clause's subject (who would be "himself"),
    # where no noun follows ("ahead of her", not "her son")
    objective: frozenset[str]
    partitive: frozenset[str]  # "of its": a figure counts what follows ("200 of its cars")
    plural_pronouns: frozenset[str]  # I, we, you, they: their verb shows no ending
    impersonal: frozenset[str]  # it: what thing, the sentence before may say
    demonstrative: frozenset[str]  # this, that: a subject that names no one
    conceding: frozenset[str]  # although: the clause it opens states a fact of its own
    negative: dict[str, str]  # "no date": asked "any date"
    anticipated: frozenset[str]  # "to", "that": after the verb, "it" stands for what follows
    titles: frozenset[str]  # president, minister, dr: before a name, not part of it
    open_question: _OpenQuestion  # "It remains to be seen how ...": the question left open


@cache
def load_rules() -> Rules:
    path = Path(__file__).parent.parent / "resources" / "drafting.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Rules(
        discourse=_longest_first(raw["discourse_markers"]),
        subordinators=_longest_first(raw["subordinators"]),
        auxiliaries=frozenset(raw["auxiliaries"]),
        be_forms=frozenset(raw["be_forms"]),
        contrasting=frozenset(raw["contrasting"]),
        same_subject=frozenset(raw["same_subject"]["words"]),
        irregular_past=raw["irregular_past"],
        determiners=frozenset(raw["determiners"]),
        wh_for_type=raw["wh_for_type"],
        wh_for_time_preposition=raw["wh_for_time_preposition"],
        starting_from={k: v for k, v in raw["starting_from"].items() if k != "_comment"},
        starting_verbs=frozenset(raw["starting_verbs"]["verbs"]),
        place=re.compile(raw["place_pattern"]),
        time_preposition=raw["time_preposition"],
        reporting=re.compile(raw["reporting_frame"], re.IGNORECASE),
        relative_insert=re.compile(raw["relative_insert"], re.IGNORECASE),
        own_phrase=re.compile(raw["own_phrase"], re.IGNORECASE),
        adverbs=frozenset(raw["adverbs"]),
        participles=frozenset(raw["participles"]),
        cardinals=frozenset(raw["cardinals"]),
        count_adverbs=frozenset(raw["count_adverbs"]),
        numbering=frozenset(raw["numbering"]["words"]),
        plurals_without_s=frozenset(raw["plurals_without_s"]),
        unit_scales=frozenset(raw["unit_scales"]["names"]),
        distance_as_time=frozenset(raw["distance_as_time"]["prepositions"]),
        clause_openers=frozenset(raw["clause_openers"]["words"]),
        percent=re.compile(
            r"\s*" + _any_of(raw["percent_words"]) + r"(?![\w])",
            re.IGNORECASE,
        ),
        approximate=re.compile(
            r"\b" + _any_of(_longest_first(raw["approximators"])) + r"\s+$",
            re.IGNORECASE,
        ),
        frequency=re.compile(r"\b" + _any_of(raw["frequency_words"]) + r"\s+$", re.IGNORECASE),
        dimension=re.compile(r"\s+" + _any_of(raw["dimensions"], capture=True) + r"\b"),
        age=re.compile(r"\s+" + _any_of(raw["ages"], capture=True) + r"\b"),
        past_after_one=frozenset(raw["past_after_one"]),
        duration=re.compile(raw["duration_pattern"], re.IGNORECASE),
        money=_Money(
            symbols="".join(raw["money"]["symbols"]),
            after=re.compile(
                r"(?:\s+" + _any_of(raw["money"]["scales"]) + r")?"
                r"(?:\s+" + _any_of(raw["money"]["words"]) + r"\b)?",
                re.IGNORECASE,
            ),
            named=frozenset(raw["money"]["words"]),
        ),
        calendar=frozenset(raw["calendar_names"]),
        named_time_tail=_named_time_tail(_any_of(raw["parts_of_day"])),
        prepositions=frozenset(raw["prepositions"]),
        personal=frozenset(raw["personal_pronouns"]),
        possessive=frozenset(raw["possessive_pronouns"]),
        objective=frozenset(raw["object_pronouns"]),
        partitive=frozenset(raw["partitive"]),
        plural_pronouns=frozenset(raw["plural_pronouns"]),
        impersonal=frozenset(raw["impersonal_pronouns"]["pronouns"]),
        demonstrative=frozenset(raw["demonstrative_pronouns"]),
        conceding=frozenset(raw["conceding"]),
        negative=raw["negative_determiners"],
        anticipated=frozenset(raw["impersonal_pronouns"]["standing_for_what_follows_before"]),
        titles=frozenset(raw["titles"]),
        open_question=_OpenQuestion(
            frame=re.compile(
                raw["open_question"]["frame"]
                + r"\s+(?="
                + _any_of(raw["open_question"]["wh_words"] + raw["open_question"]["yes_no_words"])
                + r"\s)",
                re.IGNORECASE,
            ),
            yes_no=frozenset(raw["open_question"]["yes_no_words"]),
            subject_wh=frozenset(raw["open_question"]["subject_wh_words"]),
        ),
    )


def _any_of(words: Iterable[str], capture: bool = False) -> str:
    """A pattern that matches any of the words as written, as a group (captured or not)."""
    return ("(" if capture else "(?:") + "|".join(map(re.escape, words)) + ")"


def _longest_first(openers: list[str]) -> tuple[str, ...]:
    """So that "in addition to" is tried before "in"."""
    return tuple(sorted(openers, key=len, reverse=True))


HOUR = r"\d{1,2}(?:[.:]\d\d)?(?:\s*[ap]\.?m\.?)?"


def _named_time_tail(part_of_day: str) -> str:
    """What goes with a named month or day, after it: a range ("Monday to Friday"), the day
    and year ("May 12, 2027", "Monday, 12 May 2025"), the part of the day ("Wednesday
    morning"), the hours ("from 8 a.m. to 6 p.m.")."""
    return (
        r"(?:\s*(?:to|through|until|-|–)\s*[A-Z][a-z]+)?"
        r"(?:,?\s+\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s+(?:[A-Z][a-z]+\s+)?\d{4}\b)?"
        rf"(?:\s+{part_of_day}s?\b)?"  # "Wednesday morning", "on Sunday afternoons"
        rf"(?:\s+from\s+{HOUR}\s+(?:to|until)\s+{HOUR})?"
    )
