"""Questions a reader would ask of a sentence, drafted by rules for `faqbot init`.

A fact found by its own sentence alone is found only by questions that say most of that
sentence; a drafted question says its subject and verb the way a question does, without the
asides. From "Notably, Vladivostok, where the meeting is expected to take place, lies 130 km
(80 miles) from the North Korean border." the rules draft:

    How far does Vladivostok lie from the North Korean border?
    Does Vladivostok lie 130 km from the North Korean border?

The steps: keep the main clause (drop an opening discourse marker or subordinate clause, a
reporting frame "sources say that", parentheses, relative clauses, and what follows a later
comma); find its verb (an auxiliary, else a past or third-person form, put back to its base
form with do-support); ask yes or no; and where the clause states a distance, a time, a number
or a place (the answer patterns of `resources/english.json`), ask for it with that part taken
out. No parser: the rules miss, and every drafted question is marked for the author to review.
The English they need is data, in `resources/drafting.json`.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import NamedTuple

from faqbot.analysis import english
from faqbot.general_english import ABSENT, zipf

PARENTHESES = re.compile(r"\s*\([^()]*\)")
# A news dateline, once its "(Reuters)" is gone: "LONDON - ", "PARIS, France — ".
DATELINE = re.compile(r"^[A-Z][A-Z.'’ ]*[A-Z](?:,\s+[A-Z][\w.'’ ]*)?\s+[-–—]+\s+")
# An aside between the subject and its verb: "The summit, held at the palace, drew ...",
# "The airport, Iceland's main hub, was closed", "Its chief executive, Dana Ruiz, said".
# It goes only where a verb follows it ("The museum, the library, the park and ..." is a list).
# (a comma inside a figure, "2,300", ends nothing)
SUBJECT_ASIDE = re.compile(r"^((?:\S+\s+){0,7}?\S+),\s+[A-Za-z0-9](?:[^,]|,(?=\d))*,\s+(?=[a-z])")
# A quotation is what someone said, not a statement a question can be drafted from.
QUOTATION = re.compile(r"[\"“”]")
# A share in figures: "91%"
SHARE = re.compile(r"\d[\d.,]*%")
# A person's age in an aside after their name: "Rosa Bianchi, 62, won ..." (where a clause
# about them follows, "Rosa Bianchi, 62, who ...", its comma stays: see _without_age)
AGE_ASIDE = re.compile(r",\s+\d{1,3},(?=\s)(\s+(?:who|whose|which)\b)?")
MAX_SUBJECT_WORDS = 8
RELATIVES = frozenset({"which", "who", "whom", "whose", "where"})  # open a clause of their own
# ... or up to this many, before an auxiliary, where none of the first has a verb's form
MAX_LONG_SUBJECT_WORDS = 12
MAX_THING_WORDS = 5  # "The new Riverside public library": longer subjects are not taken up by "it"
# A word English uses at least this often (Zipf scale) is a word ("use"), not a cut too short
# of one ("passe", "boxe").
COMMON_WORD_ZIPF = 3.0
DO_FORMS = frozenset({"do", "does", "did"})  # the auxiliaries of do-support
HAVE = {"has": "does", "have": "do", "had": "did"}  # "have" as the verb itself, not an auxiliary
QUOTES = "\"'“‘«"
# A capitalised word, as an apostrophe may join one ("O'Brien"), but not an owner's "'s".
CAPITALISED = r"[A-Z][\w-]*(?:[’'](?!s\b)[\w-]+)*"
# A name of up to three capitalised words written as an owner: "Kim's", "North Korea’s".
OWNER = re.compile(rf"\b((?:{CAPITALISED}\s){{0,2}}{CAPITALISED})[’']s\b")
# A run of capitalised words: a name as an article writes it, after any title ("Russian
# President Vladimir Putin").
CAPITALISED_RUN = re.compile(rf"(?:{CAPITALISED}\s+)+{CAPITALISED}")
# A word of a drafted question that may stand for a name: capitalised, maybe an owner.
NAME_WORD = re.compile(rf"({CAPITALISED})((?:[’']s)?[?,;:]?)$")
# A place a thing comes from, named ("from the Lottery Fund", not "from flour milled in ...")
FROM_A_NAME = re.compile(rf"from\s+(?:the\s+)?{CAPITALISED}")
# Someone or something named, and a clause about them between commas: "Rosa Bianchi, who
# opened the bakery in 1989,", "The MV Loch Ard, which was built in 1994,", "The route,
# which starts near the Brandenburg Gate,".
RELATIVE_CLAUSE = re.compile(
    rf"(?P<named>(?:[Tt]he\s+)?(?:{CAPITALISED}\s+){{0,2}}{CAPITALISED}"
    r"|\b[Tt]he\s+(?:[a-z]+\s+)?[a-z]+),\s+"
    r"(?:(?P<relative>who|which)\s+|(?P<participle>[a-z]+)\s+)(?P<clause>[^,\s][^,]*?)(?:,|\.?$)"
)
# A title is at most this many words into the sentence ("North Korean leader Kim Jong Un").
MAX_ROLE_WORDS = 4
# A count further from the verb than this belongs to some other part of the sentence.
MAX_COUNT_DISTANCE = 4
# An "and" this many words or fewer before a figure goes on to a value of its own (see
# _without_second_figure): "and a child's swim £2.60".
SECOND_FIGURE_WORDS = 4
# Words that may describe a noun counted, between the figure and it ("three public
# consultations"): past this many, the figure counts the word after it.
MAX_DESCRIBING = 2


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
class _Rules:
    discourse: tuple[str, ...]
    subordinators: tuple[str, ...]
    auxiliaries: frozenset[str]
    be_forms: frozenset[str]  # "it was a robbery": what "it" is, not what it does
    contrasting: frozenset[str]  # "but", "while": a second clause follows
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
def _rules() -> _Rules:
    path = Path(__file__).with_name("resources") / "drafting.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return _Rules(
        discourse=_longest_first(raw["discourse_markers"]),
        subordinators=_longest_first(raw["subordinators"]),
        auxiliaries=frozenset(raw["auxiliaries"]),
        be_forms=frozenset(raw["be_forms"]),
        contrasting=frozenset(raw["contrasting"]),
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
        plurals_without_s=frozenset(raw["plurals_without_s"]),
        unit_scales=frozenset(raw["unit_scales"]["names"]),
        distance_as_time=frozenset(raw["distance_as_time"]["prepositions"]),
        clause_openers=frozenset(raw["clause_openers"]["words"]),
        percent=re.compile(
            r"\s*(?:" + "|".join(map(re.escape, raw["percent_words"])) + r")(?![\w])",
            re.IGNORECASE,
        ),
        approximate=re.compile(
            r"\b(?:" + "|".join(map(re.escape, _longest_first(raw["approximators"]))) + r")\s+$",
            re.IGNORECASE,
        ),
        frequency=re.compile(
            r"\b(?:" + "|".join(map(re.escape, raw["frequency_words"])) + r")\s+$", re.IGNORECASE
        ),
        dimension=re.compile(r"\s+(" + "|".join(map(re.escape, raw["dimensions"])) + r")\b"),
        age=re.compile(r"\s+(" + "|".join(map(re.escape, raw["ages"])) + r")\b"),
        past_after_one=frozenset(raw["past_after_one"]),
        duration=re.compile(raw["duration_pattern"], re.IGNORECASE),
        money=_Money(
            symbols="".join(raw["money"]["symbols"]),
            after=re.compile(
                r"(?:\s+(?:" + "|".join(map(re.escape, raw["money"]["scales"])) + r"))?"
                r"(?:\s+(?:" + "|".join(map(re.escape, raw["money"]["words"])) + r")\b)?",
                re.IGNORECASE,
            ),
            named=frozenset(raw["money"]["words"]),
        ),
        calendar=frozenset(raw["calendar_names"]),
        named_time_tail=_named_time_tail(
            "(?:" + "|".join(map(re.escape, raw["parts_of_day"])) + ")"
        ),
        prepositions=frozenset(raw["prepositions"]),
        personal=frozenset(raw["personal_pronouns"]),
        possessive=frozenset(raw["possessive_pronouns"]),
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
                + r"\s+(?=(?:"
                + "|".join(raw["open_question"]["wh_words"] + raw["open_question"]["yes_no_words"])
                + r")\s)",
                re.IGNORECASE,
            ),
            yes_no=frozenset(raw["open_question"]["yes_no_words"]),
            subject_wh=frozenset(raw["open_question"]["subject_wh_words"]),
        ),
    )


def _longest_first(openers: list[str]) -> tuple[str, ...]:
    """So that "in addition to" is tried before "in"."""
    return tuple(sorted(openers, key=len, reverse=True))


@dataclass(frozen=True)
class _Clause:
    subject: list[str]
    auxiliary: str  # as the question opens with it: "has", "does", "did"
    rest: list[str]  # after the verb; with do-support, starts with the verb's base form
    said: str = ""  # with do-support, the verb as the sentence says it ("watched")

    def ask(self, wh: str, rest: list[str] | None) -> str | None:
        """The question `wh` ("When", "How many people") asks of the subject, inverted with
        the auxiliary, the part asked for taken out of `rest` (None: no question). Where
        what is asked was the second of two verbs' ("Courses run on weekday evenings and
        last ten weeks"), that verb alone is asked of: "How long do courses last?"."""
        if (
            rest
            and self.auxiliary in DO_FORMS
            and len(rest) > 3  # not "start and finish", two verbs of one thing
            and rest[-2].lower() == "and"
            and _a_verb(rest[-1])
        ):
            rest = rest[-1:]
        return _question(f"{wh} {self.auxiliary}", self.subject, rest)


def _a_verb(word: str) -> bool:
    """Whether a lower-case word may be a verb's base form ("last": lasted, lasting), not a
    plural noun ("houses")."""
    if not (word.isalpha() and word.islower()) or _looks_plural(word):
        return False
    return _written_as_a_verb(word)


def _written_as_a_verb(word: str) -> bool:
    """Whether English writes the word with a verb's endings (lasted, lasting)."""
    return any(zipf(word + ending) > ABSENT for ending in ("ed", "d", "ing"))


def draft_questions(
    sentence: str,
    lowercase_words: frozenset[str] = frozenset(),
    person: str | None = None,
    thing: str | None = None,
) -> list[str]:
    """Up to two questions that `sentence` answers, the likelier asked first; none where the
    rules find no verb. `lowercase_words`: words the article writes in lower case, so that a
    sentence's first word is lowered in the question only where it is not a name. `person`:
    who "he" or "she" is, as far as the sentences before say; `thing`: what "it" is, as far
    as the sentence before says (see `referents`), unless a clause opening this one names
    it ("If the visit takes place, it will ...")."""
    words, reported, opening, opener, reporter = _main_clause(sentence)
    if opening:
        thing = _thing(_split(opening, frozenset())) or thing
    if QUOTATION.search(" ".join(words)):
        return []
    left_open = _open_question(words, lowercase_words, None if reported else person)
    if left_open is not None:  # "It remains to be seen how ...": that is the question
        return [left_open] if left_open else []
    clause = _split(words, lowercase_words)
    if clause is None:
        return []
    if person and not reported:
        subject = _named(clause.subject, person, whole=True)
        # "his" is the subject's own where the subject is the person or another one named
        # ("Moreira is to make his debut"), and is left so
        own = set(" ".join(subject).split()) <= set(person.split()) or all(
            w[:1].isupper() for w in subject
        )
        clause = replace(
            clause, subject=subject, rest=clause.rest if own else _named(clause.rest, person)
        )
    if thing and not reported and _stands_for_a_thing(clause):
        clause = replace(clause, subject=thing.split())
    elif reported and _reporter_is_it(reporter, clause):
        # "The company said it would recall ...": would the company recall ...?
        first, *others = reporter
        lowered = first.lower() if first.lower() in english().stopwords else first
        clause = replace(clause, subject=[lowered, *others])
    clause = replace(clause, subject=_untitled(clause.subject))
    negative = _rules().negative
    if clause.subject[0].lower() in negative:  # "No date has been given": has any been given?
        # ("Neither Russia nor China has": has either Russia or China)
        clause = replace(clause, subject=[negative.get(w.lower(), w) for w in clause.subject])
    yes_no = _question(clause.auxiliary.capitalize(), clause.subject, clause.rest)
    # failing a time or place of its own, the time of a phrase in it or opening the sentence
    # ("Since joining the museum in 2019, Lopez has ...": when did Lopez join the museum?)
    opened = replace(clause, rest=[opener, *opening]) if opener else None
    wh = (
        _subject_count_question(clause)
        or _wh_question(clause)
        or _own_time_question(clause)
        or (opened and (_opening_time_question(clause, opened) or _own_time_question(opened)))
        or _doer_question(clause)
    )
    return [q for q in (wh, yes_no) if q]


def _doer_question(clause: _Clause) -> str | None:
    """Who did what a passive verb says was done, where a person's name follows "by" ("The
    men's race was won by Ethiopia's Dawit Bekele": Who was the men's race won by?)."""
    rest = clause.rest
    if clause.auxiliary.lower() not in _rules().be_forms or len(rest) < 4:
        return None
    if not (rest[0].isalpha() and rest[0].islower()) or rest[1] != "by":
        return None
    doer = rest[2:6]
    if doer[0].endswith(("'s", "’s")):  # "Ethiopia's Dawit Bekele": Dawit Bekele
        doer = doer[1:]
    name: list[str] = []
    for word in itertools.takewhile(lambda w: w[:1].isupper(), doer):
        name.append(word.rstrip(",.;"))
        if name[-1] != word:  # a comma or full stop ends the name
            break
    return clause.ask("Who", rest[:2]) if _is_full_name(name) else None


def role_question(sentence: str, lowercase_words: frozenset[str] = frozenset()) -> str | None:
    """Who holds the role the sentence names beside a person: in an aside ("Its chief nurse,
    Rhian Evans, said ...": Who is its chief nurse?) or as a title before a full name
    opening the sentence ("Union leader Mick Lowe said ...": Who is the union leader?).
    None where it names no one so. `lowercase_words`: as draft_questions'."""
    text = _undated(sentence)
    aside = SUBJECT_ASIDE.match(text)
    if aside is not None:
        role = aside.group(1).split()
        named = text[aside.end(1) : aside.end()].strip(" ,").split()
        held = _is_title(role[-1])  # "the airport, Oslo Gardermoen": no role
        return _who_is(role, lowercase_words) if held and _is_full_name(named) else None
    words = text.split()
    for i, word in enumerate(words[:MAX_ROLE_WORDS]):
        if "," in word:
            break
        if _is_title(word):
            if i + 1 < len(words) and _is_title(words[i + 1]):
                continue  # "Prime Minister": the title goes on
            name = list(itertools.takewhile(lambda w: w[:1].isupper(), words[i + 1 : i + 4]))
            after = words[i + 1 + len(name) : i + 2 + len(name)]
            if _is_full_name(name) and after and _verb_form(after[0]) is not None:
                return _who_is(words[: i + 1], lowercase_words)
    return None


def relative_question(sentence: str, lowercase_words: frozenset[str] = frozenset()) -> str | None:
    """The question a clause about someone or something named asks, where it states a time,
    place or figure of its own ("Rosa Bianchi, 62, who opened the bakery in 1989, won ...":
    When did Rosa Bianchi open the bakery?; "The Central Library, built in 1934, is ...":
    When was the Central Library built?): what the main clause's question leaves out, as
    the clause is taken out of it. Else, of a person named in full, who the clause says
    they are ("Councillor Priya Nair, who is responsible for culture, said ...": Who is
    responsible for culture?). None where it asks only yes or no."""
    text = _without_age(_undated(sentence))
    told = RELATIVE_CLAUSE.search(text)
    while told is not None and not _relative_or_participle(told):
        told = RELATIVE_CLAUSE.search(text, told.start() + 1)  # "In the end, the council, who"
    if told is None:
        return None
    named, clause, participle = told.group("named", "clause", "participle")
    if participle is not None:  # "built in 1934": "which was built in 1934"
        be = "were" if _looks_plural(named.split()[-1]) else "was"
        clause = f"{be} {participle} {clause}"
    asked = draft_questions(f"{named} {clause}.", lowercase_words)
    if len(asked) > 1:
        return asked[0]  # a wh-question comes before the yes or no
    if told.group("relative") == "who" and _is_full_name(_untitled(named.split())):
        return f"Who {clause}?" if _verb_form(clause.split()[0]) is not None else None
    return None


def _relative_or_participle(told: re.Match[str]) -> bool:
    """Whether what RELATIVE_CLAUSE found opens with "who" or "which", or with a past
    participle that the main verb follows ("The Central Library, built in 1934, is"), not
    with any other word ("In the end, the council ...")."""
    participle = told.group("participle")
    if participle is None:
        return True
    verb = told.string[told.end() :].split(maxsplit=1)[:1]  # the main verb goes on after it
    return _is_participle(participle) and bool(verb) and _verb_form(verb[0]) is not None


def _is_participle(word: str) -> bool:
    """A past participle, as far as its form shows: "opened", "built", "known"."""
    rules = _rules()
    return (
        (word.endswith("ed") and zipf(word) > ABSENT)
        or word in rules.irregular_past
        or word in rules.participles
    )


def _undated(sentence: str) -> str:
    """The sentence without its parentheses and news dateline, as an aside reads it."""
    return DATELINE.sub("", PARENTHESES.sub("", sentence.strip()), count=1)


def _without_age(text: str) -> str:
    """The text without an age beside a name (see AGE_ASIDE)."""
    return AGE_ASIDE.sub(lambda m: f",{m.group(1)}" if m.group(1) else "", text)


def _is_full_name(words: list[str]) -> bool:
    """Two or three capitalised words and nothing else: a person's name, as far as words show."""
    return 2 <= len(words) <= 3 and all(re.fullmatch(CAPITALISED, w) for w in words)


def _is_title(word: str) -> bool:
    """A title or role before a name: "President", "Dr.", "leader"."""
    return word.lower().rstrip(".") in _rules().titles


def _who_is(role: list[str], lowercase_words: frozenset[str]) -> str:
    """ "Who is the union leader?": the role's titles and the words the article writes in
    lower case lowered, "the" before it unless an owner or a determiner opens it."""
    stop = english().stopwords
    said = [w.lower() if _is_title(w) or w.lower() in lowercase_words | stop else w for w in role]
    owned = said[0].endswith(("'s", "’s")) or said[0] in stop
    return f"Who is {' '.join(said if owned else ['the', *said])}?"


def _untitled(subject: list[str]) -> list[str]:
    """The subject without what comes before a full name up to its title ("North Korean
    leader Kim Jong Un": Kim Jong Un; "Striker Tom Hale": Tom Hale): a question asks about
    the person, and the fact it is drafted from keeps who they are. A name of one word
    keeps its title ("Dr. Smith", "President Putin")."""
    for i in range(len(subject) - 3, -1, -1):
        if _is_title(subject[i]):
            name = subject[i + 1 :]
            return name if _is_full_name(name) else subject
    return subject


def _open_question(
    words: list[str], lowercase_words: frozenset[str], person: str | None
) -> str | None:
    """The question a sentence says is open, asked directly ("It remains to be seen what the
    outcomes will be": What will the outcomes be?; "It is unclear whether the club will
    sell tickets": Will the club sell tickets?); "" where it frames one the rules cannot
    ask ("what role Russia will play": which words are the subject?); None where it frames
    none. `person`: who "he" or "she" is (see draft_questions)."""
    rules = _rules().open_question
    text = " ".join(words)
    framed = rules.frame.match(text)
    if framed is None:
        return None
    asked, *clause_words = text[framed.end() :].split()
    asked = asked.lower()
    if person:
        clause_words = _named(clause_words, person)
    if asked in rules.subject_wh and clause_words and _verb_form(clause_words[0]) is not None:
        return _question(asked.capitalize(), [], clause_words) or ""  # "who will lead ..."
    clause = _split(clause_words, lowercase_words)
    if clause is None or not _names_its_subject(clause.subject[0]):
        return ""
    if person:
        clause = replace(clause, subject=_named(clause.subject, person, whole=True))
    if asked in rules.yes_no:
        return _question(clause.auxiliary.capitalize(), clause.subject, clause.rest) or ""
    return clause.ask(asked.capitalize(), clause.rest) or ""


def _names_its_subject(first: str) -> bool:
    """Whether a clause whose subject the rules found opens with a word that surely starts
    one: a determiner, a pronoun or a name ("the plan", "he", "Kim"), not a noun the asking
    word may govern ("what role Russia will play")."""
    rules = _rules()
    lowered = first.lower()
    return (
        first[:1].isupper()
        or lowered in rules.determiners
        or lowered in rules.personal | rules.impersonal | rules.plural_pronouns
        or lowered in rules.demonstrative
    )


def conceded(sentence: str) -> str | None:
    """The fact a clause opening the sentence states, where it concedes one ("Although no
    date has been given, officials have warned ...": no date has been given), as a sentence
    of its own; None otherwise ("If the visit takes place": a condition, no fact)."""
    main = _main_clause(sentence)
    if main.opener not in _rules().conceding or len(main.opening) < 3:
        return None
    return " ".join(main.opening) + "."


def _stands_for_a_thing(clause: _Clause) -> bool:
    """Whether the clause's subject is "it" standing for a thing named before ("It holds
    40,000 books"), not for what follows ("It takes an hour to walk there", "It remains to be
    seen what ..."), which a "to" or a "that" after the verb says."""
    rules = _rules()
    if len(clause.subject) != 1 or clause.subject[0].lower() not in rules.impersonal:
        return False
    return not any(w.lower() in rules.anticipated for w in clause.rest)


def _reporter_is_it(reporter: list[str], clause: _Clause) -> bool:
    """Whether the "it" a reported clause opens with is who reports it: one thing, named
    ("Vextra said it would ..."), not "police" or "he", and a clause that says what it does
    rather than what it is ("Police said it was a robbery")."""
    rules = _rules()
    return (
        bool(reporter)
        and _stands_for_a_thing(clause)
        and clause.auxiliary.lower() not in rules.be_forms
        and reporter[-1].lower() not in rules.personal | rules.impersonal | rules.plural_pronouns
        and not _looks_plural(reporter[-1])
    )


def _named(words: list[str], person: str, whole: bool = False) -> list[str]:
    """The words with "his" made the person's ("his previous trips": "Kim's previous
    trips"), and, for a subject (`whole`), "he" or "she" alone made the person: a question
    read on its own must say whom it asks about."""
    rules = _rules()
    if whole and len(words) == 1 and words[0].lower() in rules.personal:
        return [person]
    return [f"{person}'s" if w.lower() in rules.possessive else w for w in words]


def full_names(
    sentences: list[str], lowercase_words: frozenset[str] = frozenset()
) -> dict[str, str]:
    """The names the sentences write in full (two or three capitalised words after any title:
    "Kim Jong Un", "Vladimir Putin"), each under its first and its last word where no other
    such name shares that word: {"Kim": "Kim Jong Un", "Putin": "Vladimir Putin", ...}. A
    function word, or a word the article also writes in lower case (`lowercase_words`),
    that opens a run is no part of the name ("Yesterday Anna Berg")."""
    stop = english().stopwords
    names: set[str] = set()
    for sentence in sentences:
        for run in CAPITALISED_RUN.findall(sentence):
            words = run.split()
            titled = [i for i, w in enumerate(words) if _is_title(w)]
            words = words[titled[-1] + 1 :] if titled else words
            while words and (words[0].lower() in stop or words[0].lower() in lowercase_words):
                words = words[1:]  # "When Kim Jong Un", "The Kremlin"
            if 2 <= len(words) <= 3:
                names.add(" ".join(words))
    by_word: dict[str, set[str]] = {}
    for name in names:
        parts = name.split()
        for word in {parts[0], parts[-1]}:
            by_word.setdefault(word, set()).add(name)
    return {word: found.pop() for word, found in by_word.items() if len(found) == 1}


def with_full_names(question: str, names: dict[str, str]) -> str:
    """The question with each name it gives by one word alone ("Kim", "Putin's") written
    in full, as the article first wrote it: read on its own, a question must say whom it
    asks about, and a reader may ask with any part of the name. A word next to another
    capitalised one ("President Putin", "Kim Jong Un") is left, and so is the question's
    first word, which opens it."""
    words = question.split(" ")
    out = words[:1]
    for i in range(1, len(words)):
        found = NAME_WORD.match(words[i])
        before = words[i - 1] if i > 1 else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if (
            found is None
            or found.group(1) not in names
            or before[:1].isupper()
            or after[:1].isupper()
        ):
            out.append(words[i])
        else:
            out.append(names[found.group(1)] + found.group(2))
    return " ".join(out)


def referents(sentence: str) -> tuple[str | None, str | None]:
    """Who a "he" or "his" in the sentences after this one most likely is, and what an "it"
    in the next one is, as far as this sentence says: its subject if it is a name ("Kim",
    "Vladimir Putin"), or else the last name it writes as an owner ("This would be Kim's
    10th trip"), or else who it reports to say it, named in full ("Councillor Priya Nair
    said ..."); its subject if it names one thing ("The Riverside Library")."""
    main = _main_clause(sentence)
    clause = _split(main.words, frozenset())
    return _person(sentence, clause, main.reporter), _thing(clause)


def _person(sentence: str, clause: _Clause | None, reporter: list[str]) -> str | None:
    if clause is not None and all(w[:1].isupper() for w in clause.subject):
        return " ".join(clause.subject) if len(clause.subject) <= 3 else None
    # the one who speaks is who "she said" goes on with, not a place written as an owner
    # ("Sheffield's libraries will ..., Councillor Priya Nair said")
    speaker = _untitled(reporter)
    if _is_full_name(speaker):
        return " ".join(speaker)
    # "It's", "That's": a contraction, not an owner
    owners = [o for o in OWNER.findall(sentence) if o.lower() not in english().stopwords]
    return owners[-1] if owners else None


def _thing(clause: _Clause | None) -> str | None:
    if clause is None or not 2 <= len(clause.subject) <= MAX_THING_WORDS:
        return None
    first, *rest = clause.subject
    if first.lower() != "the" or _looks_plural(rest[-1]):
        return None  # not a thing named, or more than one ("The two clubs")
    if any(not w[:1].isalnum() or w.endswith((",", ";", ":")) for w in rest):
        return None
    return " ".join(["the", *rest])


class _MainClause(NamedTuple):
    words: list[str]
    # Whether someone is reported to say it ("The manager said his team ..."): then a "he"
    # or "his" in it is most likely the one who says it, not whom the sentences before were
    # about.
    reported: bool
    opening: list[str]  # the words of a clause that opened the sentence ("If the visit ...")
    opener: str  # the word(s) that opened it ("if"), lowered
    reporter: list[str]  # who is reported to say it ("The company said ..."), if named


def _main_clause(sentence: str) -> _MainClause:
    """The sentence's main clause, as far as the rules find it (see _MainClause)."""
    rules = _rules()
    text = _undated(sentence).rstrip(".!?;: ")
    text = rules.relative_insert.sub("", _without_age(text))
    reported, opening, opener, reporter = False, [], "", []
    for _ in range(3):  # "However, although X, Y": markers and clauses may stack
        before = text
        text = _drop_opening(text, rules.discourse, needs_comma=False)
        unopened = _drop_opening(text, rules.subordinators, needs_comma=True)
        if unopened != text:  # what it dropped, without its first word(s): "if", "as soon as"
            opened = text[: len(text) - len(unopened)].rstrip(" ,")
            lowered = opened.lower()
            opener = next((o for o in rules.subordinators if lowered.startswith(o + " ")), "")
            opening = opened.split()[len(opener.split()) :]
        text = _without_subject_aside(unopened)  # "Its nurse, Ann Lee, said ...": no comma
        framed = rules.reporting.match(text)
        if framed is not None:
            reported = True
            reporter = reporter or (framed.group("reporter") or "").split()
            text = text[framed.end() :]
        if text == before:
            break
    text = _without_subject_aside(text)
    words = text.split()
    joining = rules.contrasting | {"and"}
    for i, word in enumerate(words):  # what follows a later comma is an aside
        joined = i + 1 < len(words) and words[i + 1].lower() in joining
        # "Entry is free, but"; a semicolon ends a clause however short
        if (word.endswith(",") and (i >= 3 or (i >= 1 and joined))) or word.endswith(";"):
            words = _up_to_comma(words, i)
            break
    for i in range(2, len(words) - 1):  # "... and had a meeting": a second clause
        joining = words[i].lower()
        if joining == "and" and _verbs_paired(words[i - 1], words[i + 1]):
            continue  # "makes and sells watches": one verb phrase, two verbs
        if (joining == "and" or joining in rules.contrasting) and _second_verb(
            words[:i], words[i + 1]
        ):
            return _MainClause(words[:i], reported, opening, opener, reporter)
    return _MainClause(words, reported, opening, opener, reporter)


def _up_to_comma(words: list[str], i: int) -> list[str]:
    """The words up to the comma or semicolon that ends words[i], which ends the clause;
    and without a clause opened before it whose subject that comma cuts from its verb
    ("cancelled all sailings after its only large ship, the MV Loch Ard, broke down": not
    "... after its only large ship")."""
    kept = words[: i + 1]
    kept[-1] = kept[-1].rstrip(",;")
    aside_end = next((j for j in range(i + 1, len(words)) if words[j].endswith(",")), None)
    if aside_end is None or aside_end + 1 >= len(words):
        return kept
    if _verb_form(words[aside_end + 1]) is None:
        return kept
    openers = _rules().clause_openers
    opener = max((k for k, w in enumerate(kept) if w.lower() in openers), default=0)
    if opener < 2 or any(_verb_form(w) is not None for w in kept[opener + 1 :]):
        return kept
    return kept[:opener]


def _without_subject_aside(text: str) -> str:
    """The text without an aside between its subject and its verb (see SUBJECT_ASIDE)."""
    aside = SUBJECT_ASIDE.match(text)
    if aside is None:
        return text
    after = text[aside.end() :].split(maxsplit=2)
    if after and after[0].lower() in _rules().adverbs:  # ", 25 metres long, now hangs"
        after = after[1:]
    if after and _verb_form(after[0]) is not None:
        return aside.group(1) + " " + text[aside.end() :]
    return text


def _verbs_paired(before: str, after: str) -> bool:
    """Whether the words either side of an "and" are two verbs in the same form, sharing
    subject and object ("makes and sells", "arrived and met")."""
    first, second = _verb_form(before), _verb_form(after.rstrip(",."))
    return bool(first and second and first[1] and second[1] and first[0] == second[0])


def _second_verb(before: list[str], word: str) -> bool:
    """Whether `word`, after an "and", opens a second verb phrase: it has a verb's form
    ("and had a meeting"), unless it lists another thing like the one before ("cars and
    houses"), or, after an auxiliary that both share, it is the base form of a common verb
    ("would cost 240 million euros and take four years")."""
    rules = _rules()
    form = _verb_form(word)
    if form is not None:
        # a plural then "and" and a word ending in "s" lists things ("cars and houses")
        return not (form[0] == "does" and _looks_plural(before[-1]))
    shared = any(w.lower() in rules.auxiliaries for w in before)
    return shared and word.lower() in rules.irregular_past.values()


def _drop_opening(text: str, openers: tuple[str, ...], needs_comma: bool) -> str:
    lowered = text.lower()
    for opener in openers:
        after = lowered[len(opener) : len(opener) + 1]
        # a whole word only: "So," opens, "Southern" does not
        if not lowered.startswith(opener) or after not in ((" ",) if needs_comma else (" ", ",")):
            continue
        if needs_comma:
            comma = text.find(",")
            return text[comma + 1 :].strip() if comma > 0 else text
        return text[len(opener) :].lstrip(", ").strip()
    return text


def _verb_form(word: str) -> tuple[str, str] | None:
    """(auxiliary to ask with, base form) if `word` looks like a finite verb, else None."""
    rules = _rules()
    if not word[:1].islower():  # "May 2020", "Will Smith": a name, not a verb
        return None
    lower = word.lower().strip(",")
    if lower in rules.auxiliaries:
        return lower, ""
    if lower in rules.irregular_past:
        return "did", rules.irregular_past[lower]
    if len(lower) > 4 and lower.endswith("ed"):
        # "stopped": stop, a doubled consonant undone; "warned" is not "war"
        doubled = [lower[:-3]] if lower[-3] == lower[-4] else []
        candidates = [lower[:-2], lower[:-1], *doubled]
        return "did", _base(candidates + ([lower[:-3] + "y"] if lower.endswith("ied") else []))
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ous")):
        if lower.endswith("ies"):  # "lies": lie; "carries": carry, not the name Carrie
            return "does", _base([lower[:-1], lower[:-3] + "y"])
        if lower.endswith("es") and zipf(lower[:-1]) >= COMMON_WORD_ZIPF:
            return "does", lower[:-1]  # "uses": use, though "us" is the commoner word
        # two letters come off only an -es ("passes": pass), never a plain -s ("seats": seat)
        candidates = [lower[:-1], *([lower[:-2]] if lower.endswith("es") else [])]
        return "does", _base(candidates + ([lower[:-3] + "y"] if lower.endswith("ies") else []))
    return None


def _base(candidates: list[str]) -> str:
    """The candidate base form that English uses most (arrived: arrive, not arriv); the
    first, the plainest cut, where English knows none of them."""
    return max(candidates, key=lambda c: (zipf(c), -candidates.index(c)))


def _split(words: list[str], lowercase_words: frozenset[str]) -> _Clause | None:
    """Subject, verb and the rest. An auxiliary is the surest sign of the verb, then a past
    form, then a third-person one (which a plural noun also looks like: "US officials")."""
    rules = _rules()
    stop = english().stopwords
    if not words or words[0][:1] in QUOTES:  # a quotation: whose words, asked how?
        return None
    if (
        len(words) > 2
        and words[0].lower() in rules.plural_pronouns
        and _verb_form(words[1]) is None
    ):
        # "We bake 600 loaves": after I, we, you or they the verb has no ending to show it
        return _Clause([words[0].lower() if words[0] != "I" else "I"], "do", words[1:])
    # "He", "it": the whole subject, the verb next or after an adverb ("It remains to be seen
    # how it will work": not "will")
    pronoun = words[0].lower() in rules.personal | rules.impersonal
    window = range(1, min(len(words), (2 if pronoun else MAX_SUBJECT_WORDS) + 1))
    forms = {i: _verb_form(words[i]) or _past_after_one(words[i - 1], words[i]) for i in window}
    found = _verb_in(words, forms)
    if found is None:
        return None
    i, (auxiliary, base) = found
    rest = words[i + 1 :]
    if auxiliary in HAVE and not _participle_follows(rest):
        auxiliary, base = HAVE[auxiliary], "have"  # "has a preference": does ... have
    subject = list(words[:i])
    if any(w.lower() in RELATIVES and b.endswith(",") for b, w in itertools.pairwise(subject)):
        return None  # "Except for emergencies, which are seen": the verb is the clause's
    when = _time_before_verb(subject)
    if when:  # "The council on Tuesday approved ...": the day goes with the rest
        subject, rest = subject[:when], rest + subject[when:]
    first = subject[0]
    acronym = first.isupper() and len(first) > 1  # "US", not "A"
    # a word the article writes in lower case, unless a name goes on after it
    named = len(subject) > 1 and subject[1][:1].isupper()  # "Storm Ada", "Southern Rail"
    bare = first.rstrip(",;:").lower()  # "Farmers, hospitals and ...": farmers
    if not acronym and (bare in stop or (bare in lowercase_words and not named)):
        subject[0] = first.lower()  # "The meeting", not "US officials" or "Kim"
    said = words[i] if base else ""
    if base and len(rest) > 1 and rest[0] == "and" and _verbs_paired(words[i], rest[1]):
        # "starts and finishes near the Gate": does it start and finish
        second = _verb_form(rest[1].rstrip(",."))
        assert second is not None
        rest = ["and", second[1] + rest[1][len(rest[1].rstrip(",.")) :], *rest[2:]]
    return _Clause(subject, auxiliary, ([base] if base else []) + rest, said)


def _verb_in(
    words: list[str], forms: dict[int, tuple[str, str] | None]
) -> tuple[int, tuple[str, str]] | None:
    """Where the verb is among the words `forms` has read (see _verb_form), and its
    (auxiliary, base): an auxiliary first, then a verb with no ending after a plural
    ("Organisers expect"), then a past form, then a third-person one. Failing all, an
    auxiliary after a longer subject in which no word has a verb's form ("A new bus link to
    Bristol Temple Meads station will run")."""
    rules = _rules()
    for wanted in ("", "do", "did", "does"):
        for i, form in forms.items():
            if wanted == "do":
                if form is not None or not _plural_then_verb(words[i - 1], words[i]):
                    continue
                if i > 1 and words[i - 1][:1].isupper():
                    continue  # "Temple Meads station": a name's last word, not a plural
                if i + 1 == len(words) and forms.get(i - 1) is not None:
                    continue  # "Entry remains free": the verb before, and what it is
                form = ("do", words[i])
            elif form is None or (form[0] != wanted if wanted else form[1] != ""):
                continue
            if wanted and words[i - 1].lower() in rules.determiners:
                continue  # "the meeting takes": a verb; "the talks": a noun after "the"
            if wanted == "does" and _is_count(words[i - 1]):
                continue  # "50,000 visitors": a noun counted, not a verb
            if wanted == "does" and _listed(words, i):
                continue  # "Farmers, hospitals and businesses": things listed
            before = forms.get(i - 1)
            if wanted == "did" and form[1] == words[i].lower() and before and before[0] == "does":
                continue  # "remains shut": how it remains, though "shut" is a past form too
            return i, form
    if any(f for i, f in forms.items() if not _listed(words, i)) or len(forms) < MAX_SUBJECT_WORDS:
        return None
    for i in range(MAX_SUBJECT_WORDS + 1, min(len(words), MAX_LONG_SUBJECT_WORDS + 1)):
        form = _verb_form(words[i])
        if form is not None:
            return (i, form) if form[1] == "" else None
    return None


def _listed(words: list[str], i: int) -> bool:
    """Whether words[i] is an item of a list after its first: after a comma and before
    another comma or "and", or after that "and" ("Farmers, hospitals and businesses")."""
    if i >= 3 and words[i - 1].lower() == "and" and _listed(words, i - 2):
        return True
    after = words[i + 1] if i + 1 < len(words) else ""
    return words[i - 1].endswith(",") and (words[i].endswith(",") or after.lower() == "and")


def _time_before_verb(subject: list[str]) -> int:
    """Where a day named between the subject and its verb begins ("Leeds City Council on
    Tuesday": 3), or 0."""
    calendar = _rules().calendar
    for k in range(1, len(subject) - 1):
        if subject[k].lower() == "on" and subject[k + 1].lower() in calendar:
            return k
    return 0


def _past_after_one(before: str, word: str) -> tuple[str, str] | None:
    """("did", word) for a verb whose past is its base ("cost") after one ("It cost",
    "The project cost"): after many it is the present ("Tickets cost"), which
    _plural_then_verb finds."""
    rules = _rules()
    if word not in rules.past_after_one or _looks_plural(before):
        return None
    return None if before.lower() in rules.plural_pronouns else ("did", word)


def _plural_then_verb(before: str, word: str) -> bool:
    """Whether `word` is a verb with no ending after a plural subject ("Organisers expect",
    "Shuttle buses run"): `before` a plural noun, `word` a lower-case word that English
    also writes with a verb's endings (expects, expected; runs, ran), which an adjective
    ("Tickets available") is not."""
    rules = _rules()
    stop = english().stopwords
    if not _looks_plural(before) or before.lower() in rules.auxiliaries:
        return False
    irregular = word in rules.irregular_past.values()  # "go", a function word to some lists
    if not (word.isalpha() and word.islower()) or word in rules.auxiliaries:
        return False
    if word in stop and not irregular:
        return False
    past = irregular or _written_as_a_verb(word)
    return past and (zipf(word + "s") > ABSENT or zipf(word + "es") > ABSENT)  # runs, goes


def _looks_plural(word: str) -> bool:
    """Whether a word looks like a plural noun: letters ending in "s", not "ss", "us" or
    "is" ("visitors", not "class", "bus", "this"), and no function word ("his"); or a
    plural that ends in none ("people")."""
    lower = word.lower()
    return lower in _rules().plurals_without_s or (
        lower.isalpha()
        and lower.endswith("s")
        and not lower.endswith(("ss", "us", "is"))
        and lower not in english().stopwords
    )


def _is_count(word: str) -> bool:
    """A figure or a counting word: what comes before a noun counted ("50,000 visitors")."""
    lower = word.lower()
    return lower.replace(",", "").replace(".", "").isdigit() or lower in _rules().cardinals


def _participle_follows(rest: list[str]) -> bool:
    """Whether "has" is an auxiliary here: a past participle follows, after any adverbs."""
    rules = _rules()
    for word in rest:
        lower = word.lower()
        if lower.endswith("ly") or lower in rules.adverbs:
            continue
        return (
            lower.endswith(("ed", "en", "wn"))
            or lower in rules.irregular_past
            or lower in rules.participles
        )
    return False


def _wh_question(clause: _Clause) -> str | None:
    """Ask for the distance, time, number or place the clause states, taking it out."""
    rules = _rules()
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
                    return _question(f"How {size.group(1)} {_be(clause)}", ["the", sized], [])
                wh, end = f"How {size.group(1)}", size.end()
            else:
                end = found.end()
            return clause.ask(wh, _cut(rest, found.start(), end))
        return _quantity(clause, rest, found)
    return None


def _sized_thing(rest: str, start: int) -> str | None:
    """The thing a size said at `start` describes where a noun after "a" or "the" comes just
    before it ("a fissure about 4 kilometres long": fissure), not the clause's subject."""
    rules = _rules()
    softened = rules.approximate.search(rest, 0, start)
    before = rest[: softened.start() if softened else start].split()
    if len(before) < 2 or before[-2].lower() not in {"a", "an", "the"}:
        return None
    noun = before[-1]
    return noun if noun.isalpha() and noun.islower() and noun not in english().stopwords else None


def _be(clause: _Clause) -> str:
    """ "is" or "was", as the clause's verb is in the present or the past."""
    past = clause.auxiliary.lower() in {"was", "were", "did", "had"}
    return "was" if past else "is"


def _lasting(rest: str) -> re.Match[str] | None:
    """How long the clause says something lasts or takes ("for 60 years", "take two
    hours"), where it says so of its own verb."""
    found = (m for m in _rules().duration.finditer(rest) if not _in_own_phrase(rest, m.start()))
    return next(found, None)


def _started(clause: _Clause, time: str, rest: list[str] | None) -> list[str] | None:
    """What is left of the clause once its time is asked for, as when it starts where that
    time says so ("will open on Sundays from January": start to open on Sundays), with a
    verb of its own (not "is open from May"); not for a range ("from 11 a.m. to 4 p.m.") or
    the hour of a day ("from 8 a.m."), which say when, each day."""
    rules = _rules()
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
    place, start = _rules().place, 0
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
    return first == "to" and word.islower() and word not in _rules().determiners


def _subject_count_question(clause: _Clause) -> str | None:
    """How many, where the subject is counted ("Around 42,000 fans watched the match": how
    many fans watched the match?), asked of the subject, with the verb as the sentence says
    it."""
    rules, subject = _rules(), clause.subject
    verb = [clause.said, *clause.rest[1:]] if clause.said else [clause.auxiliary, *clause.rest]
    if SHARE.fullmatch(subject[0]) and len(subject) > 2 and subject[1].lower() == "of":
        # "91% of its members voted": what share of its members voted?
        return _question("What share of", subject[2:], verb)
    at = next((i for i, w in enumerate(subject) if _is_count(w)), None)
    if at is None or at + 1 >= len(subject):
        return None
    if at:  # only a word that softens it may come first ("Around 42,000 fans")
        softened = rules.approximate.search(" ".join(subject[:at]) + " ")
        if softened is None or softened.start() != 0:
            return None  # "The 3 finalists": the count is not what the subject is
    counted = subject[at + 1 :]
    if not counted[0].isalpha() or counted[0].lower() in english().stopwords:
        return None
    return _question("How many", counted, verb)


def _opening_time_question(clause: _Clause, opened: _Clause) -> str | None:
    """When the clause happened, where the sentence opens with its time ("In May 2019, the
    team toured Asia": when did the team tour Asia?); `opened`: the clause with what opened
    the sentence as its rest."""
    rules = _rules()
    text = " ".join(opened.rest)
    found = _time_in(text, 0)
    if found is None or not re.fullmatch(_time_span(rules, found.group(0)), text):
        return None
    wh = rules.wh_for_time_preposition.get(opened.rest[0].lower(), rules.wh_for_type["time"])
    return clause.ask(wh, clause.rest)


def _own_time_question(clause: _Clause) -> str | None:
    """When what a phrase of its own says happened ("after moving to Leeds in 2019": "When
    did she move to Leeds?"), where the clause states no time itself. It is asked of the
    clause's subject or, where that names no one ("This would be Kim's 10th trip since
    assuming power in 2011"), of the owner the clause names before the phrase."""
    rules = _rules()
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
        return _question("When did", doer, [base, *said])
    return None


def _ing_base(word: str) -> str | None:
    """The base form of an -ing verb ("assuming": assume, "winning": win), or None."""
    lower = word.lower()
    if len(lower) < 5 or not lower.endswith("ing"):
        return None
    stem = lower[:-3]
    return _base([stem, stem + "e", *([stem[:-1]] if stem[-1] == stem[-2] else [])])


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
    rules, said = _rules(), found.group(0)
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
    opened = [m.end() for m in _rules().own_phrase.finditer(text, 0, start)]
    return (bool(opened) and "," not in text[opened[-1] : start]) or _after_participle(text[:start])


def _after_participle(before: str) -> bool:
    """Whether the text ends with a thing and a past participle that describes it, maybe a
    preposition after them: what follows is where or when that was done ("a law passed in
    2023", "a bridge opened in 1901"), not the main verb's."""
    rules, words = _rules(), before.split()
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
    return noun and thing not in english().stopwords | rules.adverbs and _verb_form(thing) is None


# Hours, minutes and seconds ("2:03:11"): a time taken, not a time of day
TIME_TAKEN = re.compile(r"\b\d{1,2}:\d\d:\d\d\b")
# A time that says an hour of the day or a range ("from 8 a.m.", "from 2019 to 2021"): when,
# each day or over a span, not when something starts (see _started)
HOURS_OR_RANGE = re.compile(r"\d\s*[ap]\.?m\b|\d[:.]\d|\s(?:to|until|through)\s|[-–]")
# "in May 2020", "on 3 June 2021": the month and day go with the year
_MONTH_DAY = r"(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?"
_HOUR = r"\d{1,2}(?:[.:]\d\d)?(?:\s*[ap]\.?m\.?)?"
# What goes with a time said in figures, after it: a clock time's "a.m." (the sentence's last
# word may have lost its final stop), and the end of a range ("10 a.m. to 6 p.m.", "2019 to
# 2021")
_FIGURE_TAIL = rf"(?:\s*[ap]\.?m\.?)?(?:\s*(?:to|until|-|–)\s*(?:\d{{4}}\b|{_HOUR}(?!\d)))?"


def _named_time_tail(part_of_day: str) -> str:
    """What goes with a named month or day, after it: a range ("Monday to Friday"), the day
    and year ("May 12, 2027", "Monday, 12 May 2025"), the part of the day ("Wednesday
    morning"), the hours ("from 8 a.m. to 6 p.m.")."""
    return (
        r"(?:\s*(?:to|through|until|-|–)\s*[A-Z][a-z]+)?"
        r"(?:,?\s+\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s+(?:[A-Z][a-z]+\s+)?\d{4}\b)?"
        rf"(?:\s+{part_of_day}s?\b)?"  # "Wednesday morning", "on Sunday afternoons"
        rf"(?:\s+from\s+{_HOUR}\s+(?:to|until)\s+{_HOUR})?"
    )


def _time_span(rules: _Rules, time: str) -> str:
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


def _quantity(clause: _Clause, rest: str, found: re.Match[str]) -> str | None:
    """ "How many trips has Kim made": for a count said near the verb, a cardinal number."""
    whole = re.compile(r"\d[\d,.]*\d|\d").match(rest, found.start())  # all of "10", not "1"
    if whole is not None:
        found = whole
    word = found.group(0).lower()
    figure = word.replace(",", "").replace(".", "").isdigit()
    if len(rest[: found.start()].split()) > MAX_COUNT_DISTANCE or not (
        figure or word in _rules().cardinals
    ):
        return None
    if rest[found.end() : found.end() + 1].isalpha():
        return None  # "10th", "3D": a figure run into letters counts nothing
    if word in _rules().count_adverbs:
        return clause.ask("How many times", _cut(rest, *found.span()))
    # "costs $85", "12 euros": how much; so does a share ("fell 12%")
    share = _rules().percent.match(rest, found.end())
    money = (found.start(), share.end()) if share is not None else _money(rest, found)
    if money is not None:
        return clause.ask(_rules().wh_for_type["money"], _cut(rest, *money))
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
    stop, prepositions = english().stopwords, _rules().prepositions
    if " ".join(after[:2]).lower() in _rules().partitive:  # "200,000 of its smartwatches"
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
        if _looks_plural(bare):
            scale = after[n + 1].rstrip(",.") if bare == word and n + 1 < len(after) else ""
            return after[:n] + [bare, *([scale] if scale in _rules().unit_scales else [])]
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
    money = _rules().money
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
    rules = _rules()
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
    counts = _rules().count_adverbs
    return [w for w in words if w.lower() not in counts]


# "p.m", "U.S": an abbreviation whose last full stop went with the sentence's (_main_clause)
CUT_ABBREVIATION = re.compile(r"\b(?:[A-Za-z]\.)+[A-Za-z]$")


def _question(opener: str, subject: list[str], rest: list[str] | None) -> str | None:
    if rest is None:
        return None
    words = [*opener.split(), *subject, *rest]
    if sum(any(c.isalnum() for c in w) for w in words) < 3:  # ",": no word
        return None
    text = " ".join(words).rstrip(",;: ")
    if CUT_ABBREVIATION.search(text):
        text += "."  # "until 6 p.m.?", not "until 6 p.m?"
    return text + "?"
