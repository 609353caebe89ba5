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

The parts: `rules` (that English, and the patterns built with it), `clauses` (a sentence's
main clause: subject, verb, the rest), `wh_questions` (asking for a time, place, number or
sum a clause states), `people` (names, roles, and whom "he" and "it" stand for) and
`questions` (the questions of one sentence, drawn from the others).
"""

from faqbot.drafting.people import full_names, referents, role_question, with_full_names
from faqbot.drafting.questions import (
    conceded,
    draft_questions,
    relative_question,
    second_clause,
)

__all__ = [
    "conceded",
    "draft_questions",
    "full_names",
    "referents",
    "relative_question",
    "role_question",
    "second_clause",
    "with_full_names",
]
