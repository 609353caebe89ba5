"""Who a sentence is about: the names an article writes in full, who holds a role it names
beside a person, whom a "he" and what an "it" in the sentences after it stand for, and who
did what a passive verb says was done."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from faqbot.analysis import english
from faqbot.drafting.clauses import (
    SUBJECT_ASIDE,
    Clause,
    is_participle,
    looks_plural,
    main_clause,
    split_clause,
    undated,
    verb_form,
)
from faqbot.drafting.rules import CAPITALISED, OWNER, load_rules

MAX_THING_WORDS = 5  # "The new Riverside public library": longer subjects are not taken up by "it"


# A run of capitalised words: a name as an article writes it, after any title ("Russian
# President Vladimir Putin").
CAPITALISED_RUN = re.compile(rf"(?:{CAPITALISED}\s+)+{CAPITALISED}")


# A word of a drafted question that may stand for a name: capitalised, maybe an owner.
NAME_WORD = re.compile(rf"({CAPITALISED})((?:[’']s)?[?,;:]?)$")


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


def doer_question(clause: Clause) -> str | None:
    """Who did what a passive verb says was done, where a person's name follows "by" ("The
    men's race was won by Ethiopia's Dawit Bekele": Who was the men's race won by?)."""
    rest = clause.rest
    if clause.auxiliary.lower() not in load_rules().be_forms or len(rest) < 4:
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
    return clause.ask("Who", rest[:2]) if is_full_name(name) else None


def role_question(sentence: str, lowercase_words: frozenset[str] = frozenset()) -> str | None:
    """Who holds the role the sentence names beside a person: in an aside ("Its chief nurse,
    Rhian Evans, said ...": Who is its chief nurse?) or as a title before a full name
    opening the sentence ("Union leader Mick Lowe said ...": Who is the union leader?).
    None where it names no one so. `lowercase_words`: as draft_questions'."""
    text = undated(sentence)
    aside = SUBJECT_ASIDE.match(text)
    if aside is not None:
        role = aside.group(1).split()
        named = text[aside.end(1) : aside.end()].strip(" ,").split()
        held = _is_title(role[-1])  # "the airport, Oslo Gardermoen": no role
        return _who_is(role, lowercase_words) if held and is_full_name(named) else None
    words = text.split()
    for i, word in enumerate(words[:MAX_ROLE_WORDS]):
        if "," in word:
            break
        if _is_title(word):
            if i + 1 < len(words) and _is_title(words[i + 1]):
                continue  # "Prime Minister": the title goes on
            name = list(itertools.takewhile(lambda w: w[:1].isupper(), words[i + 1 : i + 4]))
            after = words[i + 1 + len(name) : i + 2 + len(name)]
            if is_full_name(name) and after and verb_form(after[0]) is not None:
                return _who_is(words[: i + 1], lowercase_words)
    return None


def relative_or_participle(told: re.Match[str]) -> bool:
    """Whether what RELATIVE_CLAUSE found opens with "who" or "which", or with a past
    participle that the main verb follows ("The Central Library, built in 1934, is"), not
    with any other word ("In the end, the council ...")."""
    participle = told.group("participle")
    if participle is None:
        return True
    verb = told.string[told.end() :].split(maxsplit=1)[:1]  # the main verb goes on after it
    return is_participle(participle) and bool(verb) and verb_form(verb[0]) is not None


def is_full_name(words: list[str]) -> bool:
    """Two or three capitalised words and nothing else: a person's name, as far as words show."""
    return 2 <= len(words) <= 3 and all(re.fullmatch(CAPITALISED, w) for w in words)


def _is_title(word: str) -> bool:
    """A title or role before a name: "President", "Dr.", "leader"."""
    return word.lower().rstrip(".") in load_rules().titles


def _who_is(role: list[str], lowercase_words: frozenset[str]) -> str:
    """ "Who is the union leader?": the role's titles and the words the article writes in
    lower case lowered, "the" before it unless an owner or a determiner opens it."""
    stop = english().stopwords
    said = [w.lower() if _is_title(w) or w.lower() in lowercase_words | stop else w for w in role]
    owned = said[0].endswith(("'s", "’s")) or said[0] in stop
    return f"Who is {' '.join(said if owned else ['the', *said])}?"


def untitled(subject: list[str]) -> list[str]:
    """The subject without what comes before a full name up to its title ("North Korean
    leader Kim Jong Un": Kim Jong Un; "Striker Tom Hale": Tom Hale): a question asks about
    the person, and the fact it is drafted from keeps who they are. A name of one word
    keeps its title ("Dr. Smith", "President Putin")."""
    for i in range(len(subject) - 3, -1, -1):
        if _is_title(subject[i]):
            name = subject[i + 1 :]
            return name if is_full_name(name) else subject
    return subject


def with_person(words: list[str], person: str, whole: bool = False) -> list[str]:
    """The words with "his" made the person's ("his previous trips": "Kim's previous
    trips"), and, for a subject (`whole`), "he" or "she" alone made the person: a question
    read on its own must say whom it asks about."""
    if whole and is_personal(words):
        return [person]
    possessive = load_rules().possessive
    return [f"{person}'s" if w.lower() in possessive else w for w in words]


def is_personal(words: list[str]) -> bool:
    """Whether the words are "he" or "she" alone."""
    return len(words) == 1 and words[0].lower() in load_rules().personal


def speaker(reporter: list[str], person: str | None) -> str | None:
    """Who says what a sentence reports, where that is a person: one named in full after
    any title ("Union leader Mick Lowe said"), or "he" or "she", or a word of the name,
    standing for `person` ("Bianchi said", after "Rosa Bianchi ...")."""
    if is_personal(reporter) or (
        person is not None and len(reporter) == 1 and reporter[0] in person.split()
    ):
        return person
    return _named_in_full(reporter)


def _named_in_full(words: list[str]) -> str | None:
    """The person the words name in full, after any title ("Councillor Priya Nair")."""
    name = untitled(words)
    return " ".join(name) if is_full_name(name) else None


def with_other_person(words: list[str], sentence: str, subject: list[str]) -> list[str]:
    """The words with "him" or "her" made the one person other than the subject whom the
    sentence names in full, where it names one ("Chepkoech pulled away from Ethiopia's
    Tigist Abebe and finished 71 seconds ahead of her": ahead of Tigist Abebe): an object
    pronoun is not the clause's subject, who would be "herself"."""
    pronouns = [i for i in range(len(words)) if _is_object(words, i)]
    if not pronouns:
        return words
    named = {name for name in _names_in(sentence) if not set(name.split()) & set(subject)}
    if len(named) != 1:
        return words
    (person,) = named
    return [person if i in pronouns else w for i, w in enumerate(words)]


def _is_object(words: list[str], i: int) -> bool:
    """Whether words[i] is an object pronoun: "him" or "her" with no noun or adjective after
    it ("ahead of her"; not "her son", "her third marathon", whose)."""
    if words[i].lower() not in load_rules().objective:
        return False
    after = words[i + 1] if i + 1 < len(words) else ""
    return not (after.isalpha() and after.islower() and after not in english().stopwords)


def full_names(
    sentences: list[str], lowercase_words: frozenset[str] = frozenset()
) -> dict[str, str]:
    """The names the sentences write in full (two or three capitalised words after any title:
    "Kim Jong Un", "Vladimir Putin"), each under its first and its last word where no other
    such name shares that word: {"Kim": "Kim Jong Un", "Putin": "Vladimir Putin", ...}. A
    function word, or a word the article also writes in lower case (`lowercase_words`),
    that opens a run is no part of the name ("Yesterday Anna Berg")."""
    names = {name for sentence in sentences for name in _names_in(sentence, lowercase_words)}
    by_word: dict[str, set[str]] = {}
    for name in names:
        parts = name.split()
        for word in {parts[0], parts[-1]}:
            by_word.setdefault(word, set()).add(name)
    return {word: found.pop() for word, found in by_word.items() if len(found) == 1}


def _names_in(sentence: str, lowercase_words: frozenset[str] = frozenset()) -> Iterator[str]:
    """The names the sentence writes in full, as full_names reads them."""
    stop = english().stopwords
    for run in CAPITALISED_RUN.findall(sentence):
        words = run.split()
        titled = [i for i, w in enumerate(words) if _is_title(w)]
        words = words[titled[-1] + 1 :] if titled else words
        while words and (words[0].lower() in stop or words[0].lower() in lowercase_words):
            words = words[1:]  # "When Kim Jong Un", "The Kremlin"
        if 2 <= len(words) <= 3:
            yield " ".join(words)


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
    main = main_clause(sentence)
    clause = split_clause(main.words, frozenset())
    return _person(sentence, clause, main.reporter), thing_named(clause)


def _person(sentence: str, clause: Clause | None, reporter: list[str]) -> str | None:
    if clause is not None and all(w[:1].isupper() for w in clause.subject):
        return " ".join(clause.subject) if len(clause.subject) <= 3 else None
    # the one who speaks is who "she said" goes on with, not a place written as an owner
    # ("Sheffield's libraries will ..., Councillor Priya Nair said")
    speaking = _named_in_full(reporter)
    if speaking is not None:
        return speaking
    # "It's", "That's": a contraction, not an owner
    owners = [o for o in OWNER.findall(sentence) if o.lower() not in english().stopwords]
    return owners[-1] if owners else None


def thing_named(clause: Clause | None) -> str | None:
    if clause is None or not 2 <= len(clause.subject) <= MAX_THING_WORDS:
        return None
    first, *rest = clause.subject
    if first.lower() != "the" or looks_plural(rest[-1]):
        return None  # not a thing named, or more than one ("The two clubs")
    if any(not w[:1].isalnum() or w.endswith((",", ";", ":")) for w in rest):
        return None
    return " ".join(["the", *rest])
