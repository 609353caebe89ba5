"""The questions one sentence answers (draft_questions): its main clause asked yes or no and
for what it states; a question it says is left open; the fact a clause opening it concedes;
what a clause about someone or something named states."""

from __future__ import annotations

import re
from dataclasses import replace

from faqbot.analysis import english
from faqbot.drafting.clauses import (
    Clause,
    as_question,
    looks_plural,
    main_clause,
    split_clause,
    undated,
    verb_form,
    without_age,
)
from faqbot.drafting.people import (
    RELATIVE_CLAUSE,
    doer_question,
    is_full_name,
    is_personal,
    relative_or_participle,
    speaker,
    thing_named,
    untitled,
    with_other_person,
    with_person,
)
from faqbot.drafting.rules import load_rules
from faqbot.drafting.wh_questions import (
    opening_time_question,
    own_time_question,
    subject_count_question,
    wh_question,
)

# A quotation is what someone said, not a statement a question can be drafted from.
QUOTATION = re.compile(r"[\"“”]")


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
    words, reported, opening, opener, reporter, *_ = main_clause(sentence)
    if opening:
        thing = thing_named(split_clause(opening, frozenset())) or thing
    if QUOTATION.search(" ".join(words)):
        return []
    left_open = _open_question(words, lowercase_words, None if reported else person)
    if left_open is not None:  # "It remains to be seen how ...": that is the question
        return [left_open] if left_open else []
    clause = split_clause(words, lowercase_words)
    if clause is None:
        return []
    says = speaker(reporter, person) if reported else None
    if says is not None and is_personal(clause.subject):
        # "She said she would now rest ...": who says it is whom "she" stands for
        clause = replace(
            clause,
            subject=with_person(clause.subject, says, whole=True),
            rest=with_person(clause.rest, says),
        )
    if person and not reported:
        subject = with_person(clause.subject, person, whole=True)
        # "his" is the subject's own where the subject is the person or another one named
        # ("Moreira is to make his debut"), and is left so
        own = set(" ".join(subject).split()) <= set(person.split()) or all(
            w[:1].isupper() for w in subject
        )
        clause = replace(
            clause, subject=subject, rest=clause.rest if own else with_person(clause.rest, person)
        )
    if thing and not reported and _stands_for_a_thing(clause):
        clause = replace(clause, subject=thing.split())
    elif reported and _reporter_is_it(reporter, clause):
        # "The company said it would recall ...": would the company recall ...?
        first, *others = reporter
        lowered = first.lower() if first.lower() in english().stopwords else first
        clause = replace(clause, subject=[lowered, *others])
    clause = replace(clause, subject=untitled(clause.subject))
    negative = load_rules().negative
    if clause.subject[0].lower() in negative:  # "No date has been given": has any been given?
        # ("Neither Russia nor China has": has either Russia or China)
        clause = replace(clause, subject=[negative.get(w.lower(), w) for w in clause.subject])
    yes_no = as_question(clause.auxiliary.capitalize(), clause.subject, clause.rest)
    # failing a time or place of its own, the time of a phrase in it or opening the sentence
    # ("Since joining the museum in 2019, Lopez has ...": when did Lopez join the museum?)
    opened = replace(clause, rest=[opener, *opening]) if opener else None
    wh = (
        subject_count_question(clause)
        or wh_question(clause)
        or own_time_question(clause)
        or (opened and (opening_time_question(clause, opened) or own_time_question(opened)))
        or doer_question(clause)
    )
    return [q for q in (wh, yes_no) if q]


def relative_question(sentence: str, lowercase_words: frozenset[str] = frozenset()) -> str | None:
    """The question a clause about someone or something named asks, where it states a time,
    place or figure of its own ("Rosa Bianchi, 62, who opened the bakery in 1989, won ...":
    When did Rosa Bianchi open the bakery?; "The Central Library, built in 1934, is ...":
    When was the Central Library built?): what the main clause's question leaves out, as
    the clause is taken out of it. Else, of a person named in full, who the clause says
    they are ("Councillor Priya Nair, who is responsible for culture, said ...": Who is
    responsible for culture?). Failing such a clause between commas, one that "that" opens
    (see _that_clause_question). None where it asks only yes or no."""
    text = without_age(undated(sentence))
    told = RELATIVE_CLAUSE.search(text)
    while told is not None and not relative_or_participle(told):
        told = RELATIVE_CLAUSE.search(text, told.start() + 1)  # "In the end, the council, who"
    if told is None:
        return _that_clause_question(text, lowercase_words)
    named, clause, participle = told.group("named", "clause", "participle")
    if participle is not None:  # "built in 1934": "which was built in 1934"
        be = "were" if looks_plural(named.split()[-1]) else "was"
        clause = f"{be} {participle} {clause}"
    asked = _wh_question_of(f"{named} {clause}.", lowercase_words)
    if asked is not None:
        return asked
    if told.group("relative") == "who" and is_full_name(untitled(named.split())):
        return f"Who {clause}?" if verb_form(clause.split()[0]) is not None else None
    return None


# A thing and a clause about it that "that" opens, with no comma: "after a renovation that
# took three years", "a wildfire that had burned 3,500 hectares".
THAT_CLAUSE = re.compile(
    r"\b(?:a|an|the)\s+(?P<thing>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+that\s+"
    r"(?P<clause>[a-z](?:[^,;]|,(?=\d))*)"  # (a comma inside a figure, "1,500", ends nothing)
)


def _that_clause_question(text: str, lowercase_words: frozenset[str]) -> str | None:
    """What a clause about a thing, opened by "that", asks where it states a time, place or
    figure ("after a renovation that took three years": How long did the renovation take?),
    asked of the thing; None where it asks only yes or no, or where "that" opens what a verb
    says ("a survey found that ...")."""
    for told in THAT_CLAUSE.finditer(text):
        thing, clause = told.group("thing", "clause")
        verb = clause.split()[0]
        if verb_form(thing.split()[-1]) is not None:
            continue  # "a survey found that": what was found, not a clause about a thing
        if verb_form(verb) is None and verb not in load_rules().past_after_one:
            continue  # "the fact that the council knew": "that" opens what is said of it
        asked = _wh_question_of(f"The {thing} {clause}.", lowercase_words)
        if asked is not None:
            return asked
    return None


def _wh_question_of(statement: str, lowercase_words: frozenset[str]) -> str | None:
    """The question the rules draft for a statement that asks for what it states (a time,
    place or figure); None where they draft only a yes or no, or nothing."""
    asked = draft_questions(statement, lowercase_words)
    return asked[0] if len(asked) > 1 else None  # a wh-question comes before the yes or no


def _open_question(
    words: list[str], lowercase_words: frozenset[str], person: str | None
) -> str | None:
    """The question a sentence says is open, asked directly ("It remains to be seen what the
    outcomes will be": What will the outcomes be?; "It is unclear whether the club will
    sell tickets": Will the club sell tickets?); "" where it frames one the rules cannot
    ask ("what role Russia will play": which words are the subject?); None where it frames
    none. `person`: who "he" or "she" is (see draft_questions)."""
    rules = load_rules().open_question
    text = " ".join(words)
    framed = rules.frame.match(text)
    if framed is None:
        return None
    asked, *clause_words = text[framed.end() :].split()
    asked = asked.lower()
    if person:
        clause_words = with_person(clause_words, person)
    if asked in rules.subject_wh and clause_words and verb_form(clause_words[0]) is not None:
        return as_question(asked.capitalize(), [], clause_words) or ""  # "who will lead ..."
    clause = split_clause(clause_words, lowercase_words)
    if clause is None or not _names_its_subject(clause.subject[0]):
        return ""
    if person:
        clause = replace(clause, subject=with_person(clause.subject, person, whole=True))
    if asked in rules.yes_no:
        return as_question(clause.auxiliary.capitalize(), clause.subject, clause.rest) or ""
    return clause.ask(asked.capitalize(), clause.rest) or ""


def _names_its_subject(first: str) -> bool:
    """Whether a clause whose subject the rules found opens with a word that surely starts
    one: a determiner, a pronoun or a name ("the plan", "he", "Kim"), not a noun the asking
    word may govern ("what role Russia will play")."""
    rules = load_rules()
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
    main = main_clause(sentence)
    if main.opener not in load_rules().conceding or len(main.opening) < 3:
        return None
    return " ".join(main.opening) + "."


def second_clause(sentence: str) -> str | None:
    """The fact a second verb phrase of the main clause states, of the clause's subject
    ("The terminal cost 95 million pounds and was paid for by its owner": The terminal was
    paid for by its owner), as a sentence of its own; None where there is none, where it is
    reported ("The council said it ..."), or where its verb has no tense of its own ("would
    overheat and catch fire": the auxiliary before is its, and maybe another subject)."""
    main = main_clause(sentence)
    if not main.second or main.reported or verb_form(main.second[0]) is None:
        return None
    if main.joined_by not in load_rules().same_subject:  # "while engineers replace ..."
        return None
    clause = split_clause(main.words, frozenset())
    if clause is None:
        return None
    second = with_other_person(main.second, sentence, clause.subject)
    text = " ".join([*clause.subject, *second])
    return text[:1].upper() + text[1:] + "."


def _stands_for_a_thing(clause: Clause) -> bool:
    """Whether the clause's subject is "it" standing for a thing named before ("It holds
    40,000 books"), not for what follows ("It takes an hour to walk there", "It remains to be
    seen what ..."), which a "to" or a "that" after the verb says."""
    rules = load_rules()
    if len(clause.subject) != 1 or clause.subject[0].lower() not in rules.impersonal:
        return False
    return not any(w.lower() in rules.anticipated for w in clause.rest)


def _reporter_is_it(reporter: list[str], clause: Clause) -> bool:
    """Whether the "it" a reported clause opens with is who reports it: one thing, named
    ("Vextra said it would ..."), not "police" or "he", and a clause that says what it does
    rather than what it is ("Police said it was a robbery")."""
    rules = load_rules()
    return (
        bool(reporter)
        and _stands_for_a_thing(clause)
        and clause.auxiliary.lower() not in rules.be_forms
        and reporter[-1].lower() not in rules.personal | rules.impersonal | rules.plural_pronouns
        and not looks_plural(reporter[-1])
    )
