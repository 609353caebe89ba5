"""Ask for what a clause states: a distance, a time, a number, a sum of money or a place,
taken out of the clause and asked with the wh-word of its type ("lies 130 km from the North
Korean border": How far does it lie from the North Korean border?)."""

from __future__ import annotations

import re
from functools import cache

from faqbot.analysis import english
from faqbot.drafting.clauses import (
    HAVE,
    Clause,
    as_question,
    base_form,
    is_count,
    looks_plural,
    verb_form,
)
from faqbot.drafting.rules import CAPITALISED, HOUR, OWNER, Rules, load_rules
from faqbot.general_english import ABSENT, zipf

# A share in figures: "91%"
SHARE = re.compile(r"\d[\d.,]*%")


# A place a thing comes from, named ("from the Lottery Fund", not "from flour milled in ...")
FROM_A_NAME = re.compile(rf"from\s+(?:the\s+)?{CAPITALISED}")


# A count further from the verb than this belongs to some other part of the sentence.
MAX_COUNT_DISTANCE = 4


# An "and" this many words or fewer before a figure goes on to a value of its own (see
# _without_second_figure): "and a child's swim £2.60".
SECOND_FIGURE_WORDS = 4


# Words that may describe a noun counted, between the figure and it ("three public
# consultations"): past this many, the figure counts the word after it.
MAX_DESCRIBING = 2


def wh_question(clause: Clause) -> str | None:
    """Ask for the distance, time, number or place the clause states, taking it out."""
    rules = load_rules()
    rest = " ".join(clause.rest)
    for name in ("distance", "time", "quantity", "place"):
        wh = rules.wh_for_type.get(name)
        if wh is None:
            continue
        if name == "place":
            found = _place_in(rest)
            if found:
                asked = _uncounted(_cut(rest, *found.span()))
                if asked is not None and FROM_A_NAME.match(found.group(0)):
                    asked.append("from")  # "Where did the money come from?"
                return clause.ask(wh, asked)
            continue
        pattern = _answer_pattern(name)
        matches = pattern.finditer(rest) if pattern is not None else iter(())
        found = next(
            (m for m in matches if _askable(name, m) and not _in_own_phrase(rest, m.start())),
            None,
        )
        if found is None:
            if name == "time" and (lasting := _lasting(rest)) is not None:
                # "continued for six months": how long, a figure in words
                return clause.ask(rules.wh_for_type["duration"], _cut(rest, *lasting.span()))
            continue
        often = rules.frequency.search(rest, 0, found.start()) if name == "time" else None
        if often is not None and "frequency" in rules.wh_for_type:
            # "every 15 minutes" says how often, not when
            return clause.ask(
                rules.wh_for_type["frequency"], _cut(rest, often.start(), found.end())
            )
        if name == "time":
            aged = rules.age.match(rest, found.end())
            if aged is not None:  # "at least 16 years old": how old
                return clause.ask(f"How {aged.group(1)}", _cut(rest, found.start(), aged.end()))
            lasting = _lasting(rest)
            if lasting is not None:
                # "has baked it for 60 years" says how long, not when
                return clause.ask(rules.wh_for_type["duration"], _cut(rest, *lasting.span()))
            span = re.search(_time_span(rules, found.group(0)), rest)
            assert span is not None
            # "has run it since 2015" asks "Since when", not "When"
            wh = rules.wh_for_time_preposition.get(span.group(0).split()[0].lower(), wh)
            asked = clause.ask(
                wh, _started(clause, span.group(0), _uncounted(_cut(rest, *span.span())))
            )
            if asked is not None:
                return asked
            continue  # "in the first half of 2026" cannot lose its year: a figure may ask
        if name == "distance":
            on_the_way = re.search(r"(\w+)\s+$", rest[: found.start()])
            if on_the_way and on_the_way.group(1).lower() in rules.distance_as_time:
                # "pulled away after 35 kilometres": when, not how far
                cut = _cut(rest, on_the_way.start(), found.end())
                return clause.ask(rules.wh_for_type["time"], cut)
            # "50 metres long" states how long, not how far
            size = rules.dimension.match(rest, found.end())
            if size is not None:
                sized = _sized_thing(rest, found.start())
                if sized is not None:  # "from a fissure about 4 kilometres long"
                    return as_question(f"How {size.group(1)} {_be(clause)}", ["the", sized], [])
                wh, end = f"How {size.group(1)}", size.end()
            else:
                end = found.end()
            return clause.ask(wh, _cut(rest, found.start(), end))
        return _quantity(clause, rest, found)
    return None


def _sized_thing(rest: str, start: int) -> str | None:
    """The thing a size said at `start` describes where a noun after "a" or "the" comes just
    before it ("a fissure about 4 kilometres long": fissure), not the clause's subject."""
    rules = load_rules()
    softened = rules.approximate.search(rest, 0, start)
    before = rest[: softened.start() if softened else start].split()
    if len(before) < 2 or before[-2].lower() not in {"a", "an", "the"}:
        return None
    noun = before[-1]
    return noun if noun.isalpha() and noun.islower() and noun not in english().stopwords else None


def _be(clause: Clause) -> str:
    """ "is" or "was", as the clause's verb is in the present or the past."""
    past = clause.auxiliary.lower() in {"was", "were", "did", "had"}
    return "was" if past else "is"


def _lasting(rest: str) -> re.Match[str] | None:
    """How long the clause says something lasts or takes ("for 60 years", "take two
    hours"), where it says so of its own verb."""
    found = (m for m in load_rules().duration.finditer(rest) if not _in_own_phrase(rest, m.start()))
    return next(found, None)


def _started(clause: Clause, time: str, rest: list[str] | None) -> list[str] | None:
    """What is left of the clause once its time is asked for, as when it starts where that
    time says so ("will open on Sundays from January": start to open on Sundays), with a
    verb of its own (not "is open from May"); not for a range ("from 11 a.m. to 4 p.m.") or
    the hour of a day ("from 8 a.m."), which say when, each day."""
    rules = load_rules()
    start = rules.starting_from.get(time.split()[0].lower())
    verb = clause.auxiliary.lower() not in rules.be_forms | set(HAVE)
    if start is None or rest is None or not verb or not rest or not rest[0].isalpha():
        return rest
    if rest[0].lower() in rules.starting_verbs:  # "will start collections from April 7"
        return rest
    if HOURS_OR_RANGE.search(time):
        return rest
    return [*start.split(), *rest]


def _place_in(rest: str) -> re.Match[str] | None:
    """The first place the clause states, not in a phrase of its own; past a verb after
    "to", the place that follows it ("to take place in Vladivostok": in Vladivostok)."""
    place, start = load_rules().place, 0
    while (found := place.search(rest, start)) is not None:
        if _infinitive(found.group(0)):
            start = found.start() + 1
        elif _in_own_phrase(rest, found.start()):
            start = found.end()
        else:
            return found
    return None


def _infinitive(place: str) -> bool:
    """Whether what the place pattern found opens with a verb after "to" ("to take place in
    Vladivostok": the place is "in Vladivostok"), not a place ("to a bakery in Bath"): a
    word in lower case that is no determiner."""
    first, _, after = place.partition(" ")
    word = after.split(maxsplit=1)[0] if after else ""
    return first == "to" and word.islower() and word not in load_rules().determiners


def subject_count_question(clause: Clause) -> str | None:
    """How many, where the subject is counted ("Around 42,000 fans watched the match": how
    many fans watched the match?), asked of the subject, with the verb as the sentence says
    it."""
    rules, subject = load_rules(), clause.subject
    verb = [clause.said, *clause.rest[1:]] if clause.said else [clause.auxiliary, *clause.rest]
    if SHARE.fullmatch(subject[0]) and len(subject) > 2 and subject[1].lower() == "of":
        # "91% of its members voted": what share of its members voted?
        return as_question("What share of", subject[2:], verb)
    at = next((i for i, w in enumerate(subject) if is_count(w)), None)
    if at is None or at + 1 >= len(subject):
        return None
    if at:  # only a word that softens it may come first ("Around 42,000 fans")
        softened = rules.approximate.search(" ".join(subject[:at]) + " ")
        if softened is None or softened.start() != 0:
            return None  # "The 3 finalists": the count is not what the subject is
    counted = subject[at + 1 :]
    if not counted[0].isalpha() or counted[0].lower() in english().stopwords:
        return None
    return as_question("How many", counted, verb)


def opening_time_question(clause: Clause, opened: Clause) -> str | None:
    """When the clause happened, where the sentence opens with its time ("In May 2019, the
    team toured Asia": when did the team tour Asia?); `opened`: the clause with what opened
    the sentence as its rest."""
    rules = load_rules()
    text = " ".join(opened.rest)
    found = _time_in(text, 0)
    if found is None or not re.fullmatch(_time_span(rules, found.group(0)), text):
        return None
    wh = rules.wh_for_time_preposition.get(opened.rest[0].lower(), rules.wh_for_type["time"])
    return clause.ask(wh, clause.rest)


def own_time_question(clause: Clause) -> str | None:
    """When what a phrase of its own says happened ("after moving to Leeds in 2019": "When
    did she move to Leeds?"), where the clause states no time itself. It is asked of the
    clause's subject or, where that names no one ("This would be Kim's 10th trip since
    assuming power in 2011"), of the owner the clause names before the phrase."""
    rules = load_rules()
    rest = " ".join(clause.rest)
    for opened in rules.own_phrase.finditer(rest):
        *_, verb = opened.group(0).split()
        base = _ing_base(verb)
        if base is None:
            continue  # "amid": no verb to ask with
        found = _time_in(rest, opened.end())
        if found is None or "," in rest[opened.end() : found.start()]:
            continue
        span = re.compile(_time_span(rules, found.group(0))).search(rest, opened.end())
        assert span is not None
        doer = clause.subject
        if len(doer) == 1 and doer[0].lower() in rules.impersonal | rules.demonstrative:
            owner = OWNER.search(rest, 0, opened.start())
            if owner is None:
                continue
            doer = owner.group(1).split()
        said = rest[opened.end() : span.start()].split()
        return as_question("When did", doer, [base, *said])
    return None


def _ing_base(word: str) -> str | None:
    """The base form of an -ing verb ("assuming": assume, "winning": win), or None."""
    lower = word.lower()
    if len(lower) < 5 or not lower.endswith("ing"):
        return None
    stem = lower[:-3]
    return base_form([stem, stem + "e", *([stem[:-1]] if stem[-1] == stem[-2] else [])])


def _time_in(text: str, start: int) -> re.Match[str] | None:
    """The first time from `start` on that a question may ask for (see _askable)."""
    times = _answer_pattern("time")
    assert times is not None  # english.json defines it, as the matcher needs it too
    return next((m for m in times.finditer(text, start) if _askable("time", m)), None)


@cache
def _answer_pattern(name: str) -> re.Pattern[str] | None:
    """What an answer of the question type `name` holds (resources/english.json)."""
    return next((t.answer_pattern for t in english().question_types if t.name == name), None)


def _askable(name: str, found: re.Match[str]) -> bool:
    """Whether what a type's answer pattern found is a distance, time or quantity to ask
    for: a figure ("130 km", "April 2019"), a number word, or a month or day ("in May", "on
    Monday"); the words the patterns also know ("near", "since", "may") say none."""
    rules, said = load_rules(), found.group(0)
    if name == "time" and any(
        m.start() <= found.start() < m.end() for m in TIME_TAKEN.finditer(found.string)
    ):
        return False  # "won in 2:03:11": how long it took, not an hour of the day
    return (
        any(c.isdigit() for c in said)
        or (name == "quantity" and said.lower() in rules.cardinals)
        or (name == "time" and said.istitle() and said.lower() in rules.calendar)
    )


def _in_own_phrase(text: str, start: int) -> bool:
    """Whether what begins at `start` lies in a phrase that holds its own time or place, one
    opened before it with no comma between: "since assuming power in 2011" says when he took
    power, not when the verb happened; "amid conflict in Ukraine", where the conflict is."""
    opened = [m.end() for m in load_rules().own_phrase.finditer(text, 0, start)]
    return (bool(opened) and "," not in text[opened[-1] : start]) or _after_participle(text[:start])


def _after_participle(before: str) -> bool:
    """Whether the text ends with a thing and a past participle that describes it, maybe a
    preposition after them: what follows is where or when that was done ("a law passed in
    2023", "a bridge opened in 1901"), not the main verb's."""
    rules, words = load_rules(), before.split()
    if words and words[-1].lower() in rules.prepositions:
        words = words[:-1]
    if len(words) < 2:
        return False
    # "-ed" or a participle no past form shares ("ran": the verb of a clause, "run": not)
    described, thing = words[-1], words[-2]
    if not (
        (described.endswith("ed") and zipf(described) > ABSENT) or described in rules.participles
    ):
        return False
    noun = thing.isalpha() and thing.islower() and not thing.endswith("ly")
    return noun and thing not in english().stopwords | rules.adverbs and verb_form(thing) is None


# Hours, minutes and seconds ("2:03:11"): a time taken, not a time of day
TIME_TAKEN = re.compile(r"\b\d{1,2}:\d\d:\d\d\b")


# A time that says an hour of the day or a range ("from 8 a.m.", "from 2019 to 2021"): when,
# each day or over a span, not when something starts (see _started)
HOURS_OR_RANGE = re.compile(r"\d\s*[ap]\.?m\b|\d[:.]\d|\s(?:to|until|through)\s|[-–]")


# "in May 2020", "on 3 June 2021": the month and day go with the year
_MONTH_DAY = r"(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?"


# What goes with a time said in figures, after it: a clock time's "a.m." (the sentence's last
# word may have lost its final stop), and the end of a range ("10 a.m. to 6 p.m.", "2019 to
# 2021")
_FIGURE_TAIL = rf"(?:\s*[ap]\.?m\.?)?(?:\s*(?:to|until|-|–)\s*(?:\d{{4}}\b|{HOUR}(?!\d)))?"


def _time_span(rules: Rules, time: str) -> str:
    """The time asked for, all of it: its preposition, month and day, the times joined to it
    ("in 2018 and 2019", "in 1998, 2004 and 2011"), and a clause that says what happened
    then (", when he met Trump"), which a question asking when cannot keep; after a time in
    figures, the end of its range ("10 a.m. to 6 p.m."); after a named month or day, its
    range, day, year, part of the day and hours."""
    more = rf"(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+){_MONTH_DAY}\d{{4}}\b)*"
    after = _FIGURE_TAIL if time[0].isdigit() else rules.named_time_tail
    return (
        rules.time_preposition
        + _MONTH_DAY
        + re.escape(time)
        + after
        + more
        + r"(?:,?\s+when\b[^,;]*)?"
    )


def _quantity(clause: Clause, rest: str, found: re.Match[str]) -> str | None:
    """ "How many trips has Kim made": for a count said near the verb, a cardinal number."""
    rules = load_rules()
    whole = re.compile(r"\d[\d,.]*\d|\d").match(rest, found.start())  # all of "10", not "1"
    if whole is not None:
        found = whole
    word = found.group(0).lower()
    figure = word.replace(",", "").replace(".", "").isdigit()
    if len(rest[: found.start()].split()) > MAX_COUNT_DISTANCE or not (
        figure or word in rules.cardinals
    ):
        return None
    if rest[found.end() : found.end() + 1].isalpha():
        return None  # "10th", "3D": a figure run into letters counts nothing
    before = rest[: found.start()].split()[-1:]
    if before and before[0].lower().rstrip(".") in rules.numbering:
        return None  # "the number 9 shirt": a figure that names a thing counts nothing
    if word in rules.count_adverbs:
        return clause.ask("How many times", _cut(rest, *found.span()))
    # "costs $85", "12 euros": how much; so does a share ("fell 12%")
    share = rules.percent.match(rest, found.end())
    money = (found.start(), share.end()) if share is not None else _money(rest, found)
    if money is not None:
        return clause.ask(rules.wh_for_type["money"], _cut(rest, *money))
    after = rest[found.end() :].split()
    counted = _counted(after)
    if not counted:
        return None
    # the figure and the words counted, which only spaces part ("12,000 people")
    end = found.end()
    for word in counted:
        end = rest.index(word, end) + len(word)
    return clause.ask(f"How many {' '.join(counted)}", _cut(rest, found.start(), end))


def _counted(after: list[str]) -> list[str]:
    """The words a figure counts, of the words after it: its noun, with the words that
    describe it before it ("three public consultations": public consultations) as far as the
    first plural within MAX_DESCRIBING words; else the word after the figure ("12,000
    people attended"); none where that is no word to count ("3 of them")."""
    stop, prepositions = english().stopwords, load_rules().prepositions
    if " ".join(after[:2]).lower() in load_rules().partitive:  # "200,000 of its smartwatches"
        counted = _counted(after[2:])
        return after[:2] + counted if counted else []
    first = after[0].rstrip(",.") if after else ""
    if not _is_word(first) or first.lower() in stop:
        return []
    for n, word in enumerate(after[: MAX_DESCRIBING + 1]):
        bare = word.rstrip(",.")
        # a model's number goes with its name ("Pulse 3 smartwatches")
        numbered = n > 0 and bare.isdigit() and after[n - 1][:1].isupper()
        if not (_is_word(bare) or numbered) or bare.lower() in stop or bare.lower() in prepositions:
            break
        if looks_plural(bare):
            scale = after[n + 1].rstrip(",.") if bare == word and n + 1 < len(after) else ""
            return after[:n] + [bare, *([scale] if scale in load_rules().unit_scales else [])]
        if bare != word:  # a comma or full stop ends the phrase
            break
    return [first]


def _is_word(text: str) -> bool:
    """Letters, or letters joined by hyphens ("part-time"): a word that may describe a noun."""
    return all(part.isalpha() for part in text.split("-"))


def _money(rest: str, found: re.Match[str]) -> tuple[int, int] | None:
    """Where the sum of money the figure found is lies in `rest` ("$85", "£4.50", "12
    euros", "3 million pounds"), its symbol, scale and currency word included; None when the
    figure is no sum of money."""
    money = load_rules().money
    start = found.start()
    if start and rest[start - 1] in money.symbols:
        start -= 1
    end = money.after.match(rest, found.end())
    assert end is not None  # every part of it may be absent
    said_in_words = rest[found.end() : end.end()].split()[-1:]
    if start == found.start() and not (said_in_words and said_in_words[0].lower() in money.named):
        return None
    return start, end.end()


def _cut(text: str, start: int, end: int) -> list[str] | None:
    """The text's words without the span asked for (text[start:end]), and without a word
    that softens it ("employs about 12,000 people": "How many people does ... employ?", not
    "employ about").
    None where that leaves a preposition with no object ("deliver within 30 km of the
    shop": "deliver within of the shop"; "sold out within two hours": "sell out within"), an
    "and" with nothing after it, or a "between" that has lost its first end: no question
    rather than a wrong one."""
    rules = load_rules()
    softened = rules.approximate.search(text, 0, start)
    if softened is not None:
        start = softened.start()
    before, after = text[:start].split(), text[end:].split()
    if (
        before
        and before[-1].lower() in rules.prepositions
        and (not after or after[0].lower() in rules.prepositions)
    ):
        return None
    if before and before[-1].lower() in {"and", "or"} and not after:
        return None  # "has free Wi-Fi and 24 desks": "have free Wi-Fi and"
    if before and before[-1].lower() == "between":
        return None  # "between 9 a.m. and 5 p.m.": "between and 5 p.m."
    return before + _without_second_figure(after)


def _without_second_figure(after: list[str]) -> list[str]:
    """The words after the span asked for, up to an "and" that goes on to a figure of its
    own ("An adult swim costs £5.20 and a child's swim £2.60", "open at 10am and close at
    8pm"): what follows says the same of something else, and would be asked as garble ("How
    much does an adult swim cost and a child's swim £2.60?"). Not the "and" of a range,
    "between January and August 2025"."""
    for j, word in enumerate(after):
        if word.lower() == "between":
            return after
        if word.lower() != "and":
            continue
        if any(any(c.isdigit() for c in w) for w in after[j + 1 : j + 1 + SECOND_FIGURE_WORDS]):
            return after[:j]
    return after


def _uncounted(words: list[str] | None) -> list[str] | None:
    """The words of a question for a time or place without an adverb that counts: "met once
    with Putin in April" asks "When did Kim meet with Putin?", not "meet once"."""
    if words is None:
        return None
    counts = load_rules().count_adverbs
    return [w for w in words if w.lower() not in counts]
