"""Questions on another subject in a KB's own words: how many faqbot answers, by words alone,
by meaning without its rare-word rule, and as it ships (see README, "Matching by meaning").

    .venv/bin/python benchmarks/same_words_other_subject.py

Every question here should be declined. They were written for this benchmark against the two
plain KBs of ../shared/bench (each asks what one entry asks, of something the KB never
mentions); none comes from a shared question set. Needs the `meaning` extra.
"""

from __future__ import annotations

from pathlib import Path

from faqbot import answering
from faqbot.settings import Settings

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "plain"
QUESTIONS = {
    "library": [
        "What are the museum's opening hours?",
        "How do I get a gym membership card?",
        "How long can I keep a rental car?",
        "What are the fines for speeding?",
        "What happens if I lose my passport?",
        "Is there free Wi-Fi on the train?",
        "Can I print photos at the pharmacy?",
        "How can I reserve a tennis court?",
        "Does the supermarket sell e-books?",
        "Do you accept credit cards at the cinema?",
        "Where can I park at the airport?",
        "How do I reserve a table at a restaurant?",
        "When does the swimming pool open?",
        "How long can I stay at the hotel?",
        "What happens if I lose my phone?",
        "Can I bring my dog to the park?",
    ],
    "app": [
        "How much does a plane ticket cost?",
        "Which devices does Netflix run on?",
        "How does the bus schedule work?",
        "Can I use my phone without a SIM card?",
        "How do I export wine to France?",
        "Can I import a car from Germany?",
        "Are my bank transfers encrypted?",
        "I forgot my bike lock code. What can I do?",
        "How do I delete my Facebook account?",
        "Can I get a refund for my concert ticket?",
        "Can I share a taxi with someone?",
        "How do I recover a deleted photo on my camera?",
        "Is there a dark mode in Windows?",
        "How do I contact the police?",
        "How much does Spotify cost?",
        "Does the printer run on Linux?",
    ],
}
VARIANTS = {
    "words alone": Settings(meaning=False),
    "meaning, no rare-word rule": Settings(
        meaning_min_word_similarity=0.0, meaning_same_word=0.0, meaning_confirms_pull=-1.0
    ),
    "as shipped": Settings(),
}


def main() -> None:
    total = sum(len(q) for q in QUESTIONS.values())
    for label, settings in VARIANTS.items():
        answered = []
        for kb, questions in QUESTIONS.items():
            matcher = answering.matcher_for(BENCH / kb / "kb.yaml", settings, use_cache=True)
            answered += [(kb, q) for q in questions if matcher.match(q).answered]
        print(f"{label:28} {len(answered):2} of {total} answered")
        for kb, q in answered:
            print(f"    {kb}: {q}")


if __name__ == "__main__":
    main()
