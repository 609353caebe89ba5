"""A sentence's main clause and its parts, found by rules without a parser: its subject,
its verb as a question asks it (an auxiliary, or do-support and the verb's base form) and the
rest; and a question worded from them."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import NamedTuple

from faqbot.analysis import english
from faqbot.drafting.rules import load_rules
from faqbot.general_english import ABSENT, zipf

PARENTHESES = re.compile(r"\s*\([^()]*\)")


# A news dateline, once its "(Reuters)" is gone: "LONDON - ", "PARIS, France — ".
DATELINE = re.compile(r"^[A-Z][A-Z.'’ ]*[A-Z](?:,\s+[A-Z][\w.'’ ]*)?\s+[-–—]+\s+")


# An aside between the subject and its verb: "The summit, held at the palace, drew ...",
# "The airport, Iceland's main hub, was closed", "Its chief executive, Dana Ruiz, said".
# It goes only where a verb follows it ("The museum, the library, the park and ..." is a list).
# (a comma inside a figure, "2,300", ends nothing)
SUBJECT_ASIDE = re.compile(r"^((?:\S+\s+){0,7}?\S+),\s+[A-Za-z0-9](?:[^,]|,(?=\d))*,\s+(?=[a-z])")


# A person's age in an aside after their name: "Rosa Bianchi, 62, won ..." (where a clause
# about them follows, "Rosa Bianchi, 62, who ...", its comma stays: see without_age)
AGE_ASIDE = re.compile(r",\s+\d{1,3},(?=\s)(\s+(?:who|whose|which)\b)?")


MAX_SUBJECT_WORDS = 8


RELATIVES = frozenset({"which", "who", "whom", "whose", "where"})  # open a clause of their own


# ... or up to this many, before an auxiliary, where none of the first has a verb's form
MAX_LONG_SUBJECT_WORDS = 12


# A word English uses at least this often (Zipf scale) is a word ("use"), not a cut too short
# of one ("passe", "boxe").
COMMON_WORD_ZIPF = 3.0


DO_FORMS = frozenset({"do", "does", "did"})  # the auxiliaries of do-support


HAVE = {"has": "does", "have": "do", "had": "did"}  # "have" as the verb itself, not an auxiliary


QUOTES = "\"'“‘«"


@dataclass(frozen=True)
class Clause:
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
        return as_question(f"{wh} {self.auxiliary}", self.subject, rest)


def _a_verb(word: str) -> bool:
    """Whether a lower-case word may be a verb's base form ("last": lasted, lasting), not a
    plural noun ("houses")."""
    if not (word.isalpha() and word.islower()) or looks_plural(word):
        return False
    return _written_as_a_verb(word)


def _written_as_a_verb(word: str) -> bool:
    """Whether English writes the word with a verb's endings (lasted, lasting)."""
    return any(zipf(word + ending) > ABSENT for ending in ("ed", "d", "ing"))


def is_participle(word: str) -> bool:
    """A past participle, as far as its form shows: "opened", "built", "known"."""
    rules = load_rules()
    return (
        (word.endswith("ed") and zipf(word) > ABSENT)
        or word in rules.irregular_past
        or word in rules.participles
    )


def undated(sentence: str) -> str:
    """The sentence without its parentheses and news dateline, as an aside reads it."""
    return DATELINE.sub("", PARENTHESES.sub("", sentence.strip()), count=1)


def without_age(text: str) -> str:
    """The text without an age beside a name (see AGE_ASIDE)."""
    return AGE_ASIDE.sub(lambda m: f",{m.group(1)}" if m.group(1) else "", text)


class _MainClause(NamedTuple):
    words: list[str]
    # Whether someone is reported to say it ("The manager said his team ..."): then a "he"
    # or "his" in it is most likely the one who says it, not whom the sentences before were
    # about.
    reported: bool
    opening: list[str]  # the words of a clause that opened the sentence ("If the visit ...")
    opener: str  # the word(s) that opened it ("if"), lowered
    reporter: list[str]  # who is reported to say it ("The company said ..."), if named
    # A second verb phrase of the same subject, after "and" or "but" ("... and was paid for
    # by its owner"): what it states is not the main clause's, and is asked of its own.
    second: tuple[str, ...] = ()
    joined_by: str = ""  # the word before it, lowered


def main_clause(sentence: str) -> _MainClause:
    """The sentence's main clause, as far as the rules find it (see _MainClause)."""
    rules = load_rules()
    text = undated(sentence).rstrip(".!?;: ")
    text = rules.relative_insert.sub("", without_age(text))
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
            second = tuple(words[i + 1 :])
            return _MainClause(words[:i], reported, opening, opener, reporter, second, joining)
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
    if verb_form(words[aside_end + 1]) is None:
        return kept
    openers = load_rules().clause_openers
    opener = max((k for k, w in enumerate(kept) if w.lower() in openers), default=0)
    if opener < 2 or any(verb_form(w) is not None for w in kept[opener + 1 :]):
        return kept
    return kept[:opener]


def _without_subject_aside(text: str) -> str:
    """The text without an aside between its subject and its verb (see SUBJECT_ASIDE)."""
    aside = SUBJECT_ASIDE.match(text)
    if aside is None:
        return text
    after = text[aside.end() :].split(maxsplit=2)
    if after and after[0].lower() in load_rules().adverbs:  # ", 25 metres long, now hangs"
        after = after[1:]
    if after and verb_form(after[0]) is not None:
        return aside.group(1) + " " + text[aside.end() :]
    return text


def _verbs_paired(before: str, after: str) -> bool:
    """Whether the words either side of an "and" are two verbs in the same form, sharing
    subject and object ("makes and sells", "arrived and met")."""
    first, second = verb_form(before), verb_form(after.rstrip(",."))
    return bool(first and second and first[1] and second[1] and first[0] == second[0])


def _second_verb(before: list[str], word: str) -> bool:
    """Whether `word`, after an "and", opens a second verb phrase: it has a verb's form
    ("and had a meeting"), unless it lists another thing like the one before ("cars and
    houses"), or, after an auxiliary that both share, it is the base form of a common verb
    ("would cost 240 million euros and take four years")."""
    rules = load_rules()
    form = verb_form(word)
    if form is not None:
        # a plural then "and" and a word ending in "s" lists things ("cars and houses")
        return not (form[0] == "does" and looks_plural(before[-1]))
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


def verb_form(word: str) -> tuple[str, str] | None:
    """(auxiliary to ask with, base form) if `word` looks like a finite verb, else None."""
    rules = load_rules()
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
        return "did", base_form(candidates + ([lower[:-3] + "y"] if lower.endswith("ied") else []))
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ous")):
        if lower.endswith("ies"):  # "lies": lie; "carries": carry, not the name Carrie
            return "does", base_form([lower[:-1], lower[:-3] + "y"])
        if lower.endswith("es") and zipf(lower[:-1]) >= COMMON_WORD_ZIPF:
            return "does", lower[:-1]  # "uses": use, though "us" is the commoner word
        # two letters come off only an -es ("passes": pass), never a plain -s ("seats": seat)
        candidates = [lower[:-1], *([lower[:-2]] if lower.endswith("es") else [])]
        return "does", base_form(candidates + ([lower[:-3] + "y"] if lower.endswith("ies") else []))
    return None


def base_form(candidates: list[str]) -> str:
    """The candidate base form that English uses most (arrived: arrive, not arriv); the
    first, the plainest cut, where English knows none of them."""
    return max(candidates, key=lambda c: (zipf(c), -candidates.index(c)))


def split_clause(words: list[str], lowercase_words: frozenset[str]) -> Clause | None:
    """Subject, verb and the rest. An auxiliary is the surest sign of the verb, then a past
    form, then a third-person one (which a plural noun also looks like: "US officials")."""
    rules = load_rules()
    stop = english().stopwords
    if not words or words[0][:1] in QUOTES:  # a quotation: whose words, asked how?
        return None
    if len(words) > 2 and words[0].lower() in rules.plural_pronouns and verb_form(words[1]) is None:
        # "We bake 600 loaves": after I, we, you or they the verb has no ending to show it
        return Clause([words[0].lower() if words[0] != "I" else "I"], "do", words[1:])
    # "He", "it": the whole subject, the verb next or after an adverb ("It remains to be seen
    # how it will work": not "will")
    pronoun = words[0].lower() in rules.personal | rules.impersonal
    window = range(1, min(len(words), (2 if pronoun else MAX_SUBJECT_WORDS) + 1))
    forms = {i: verb_form(words[i]) or _past_after_one(words[i - 1], words[i]) for i in window}
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
        second = verb_form(rest[1].rstrip(",."))
        assert second is not None
        rest = ["and", second[1] + rest[1][len(rest[1].rstrip(",.")) :], *rest[2:]]
    return Clause(subject, auxiliary, ([base] if base else []) + rest, said)


def _verb_in(
    words: list[str], forms: dict[int, tuple[str, str] | None]
) -> tuple[int, tuple[str, str]] | None:
    """Where the verb is among the words `forms` has read (see verb_form), and its
    (auxiliary, base): an auxiliary first, then a verb with no ending after a plural
    ("Organisers expect"), then a past form, then a third-person one. Failing all, an
    auxiliary after a longer subject in which no word has a verb's form ("A new bus link to
    Bristol Temple Meads station will run")."""
    rules = load_rules()
    for wanted in ("", "do", "did", "does"):
        for i, form in forms.items():
            if wanted == "do":
                if form is not None or not plural_then_verb(words[i - 1], words[i]):
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
            if wanted == "does" and is_count(words[i - 1]):
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
        form = verb_form(words[i])
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
    calendar = load_rules().calendar
    for k in range(1, len(subject) - 1):
        if subject[k].lower() == "on" and subject[k + 1].lower() in calendar:
            return k
    return 0


def _past_after_one(before: str, word: str) -> tuple[str, str] | None:
    """("did", word) for a verb whose past is its base ("cost") after one ("It cost",
    "The project cost"): after many it is the present ("Tickets cost"), which
    plural_then_verb finds."""
    rules = load_rules()
    if word not in rules.past_after_one or looks_plural(before):
        return None
    return None if before.lower() in rules.plural_pronouns else ("did", word)


def plural_then_verb(before: str, word: str) -> bool:
    """Whether `word` is a verb with no ending after a plural subject ("Organisers expect",
    "Shuttle buses run"): `before` a plural noun, `word` a lower-case word that English
    also writes with a verb's endings (expects, expected; runs, ran), which an adjective
    ("Tickets available") is not."""
    rules = load_rules()
    stop = english().stopwords
    if not looks_plural(before) or before.lower() in rules.auxiliaries:
        return False
    irregular = word in rules.irregular_past.values()  # "go", a function word to some lists
    if not (word.isalpha() and word.islower()) or word in rules.auxiliaries:
        return False
    if word in stop and not irregular:
        return False
    past = irregular or _written_as_a_verb(word)
    return past and (zipf(word + "s") > ABSENT or zipf(word + "es") > ABSENT)  # runs, goes


def looks_plural(word: str) -> bool:
    """Whether a word looks like a plural noun: letters ending in "s", not "ss", "us" or
    "is" ("visitors", not "class", "bus", "this"), and no function word ("his"); or a
    plural that ends in none ("people")."""
    lower = word.lower()
    return lower in load_rules().plurals_without_s or (
        lower.isalpha()
        and lower.endswith("s")
        and not lower.endswith(("ss", "us", "is"))
        and lower not in english().stopwords
    )


def is_count(word: str) -> bool:
    """A figure or a counting word: what comes before a noun counted ("50,000 visitors")."""
    lower = word.lower()
    return lower.replace(",", "").replace(".", "").isdigit() or lower in load_rules().cardinals


def _participle_follows(rest: list[str]) -> bool:
    """Whether "has" is an auxiliary here: a past participle follows, after any adverbs."""
    rules = load_rules()
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


# "p.m", "U.S": an abbreviation whose last full stop went with the sentence's (main_clause)
CUT_ABBREVIATION = re.compile(r"\b(?:[A-Za-z]\.)+[A-Za-z]$")


def as_question(opener: str, subject: list[str], rest: list[str] | None) -> str | None:
    if rest is None:
        return None
    words = [*opener.split(), *subject, *rest]
    if sum(any(c.isalnum() for c in w) for w in words) < 3:  # ",": no word
        return None
    text = " ".join(words).rstrip(",;: ")
    if CUT_ABBREVIATION.search(text):
        text += "."  # "until 6 p.m.?", not "until 6 p.m?"
    return text + "?"
