"""Meaning's signals (the `meaning` extra): how the matcher weighs a question by meaning,
beside its words. A check on the answer words find: kept only where the question is near
its entry in meaning too ("Do you sell cars?" is not "Do you sell gluten-free bread?"). And,
for a question words leave unanswered, in turn: the entry nearest in meaning, when near and
clearly the nearest ("On Sunday mornings, are you open?" -> "When do you open?"); the entry
words and meaning both rank first; a rare word the KB never uses said in other words by the
entry words find ("distance" -> "miles"); the question read in the KB's words; words and
meaning together. Each is measured in the README ("Matching by meaning")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

from faqbot.figures import confidence_text

if TYPE_CHECKING:
    import numpy as np  # only with the meaning extra, and only where meaning is asked

    from faqbot.kb_index import IndexedEntry
    from faqbot.model import Entry
    from faqbot.results import Candidate, Worded
    from faqbot.settings import Settings


class NearestByMeaning(Protocol):
    def nearest(self, question: str) -> list[tuple[int, float, str]]:
        """(entry index, similarity, its nearest text: a phrasing or its answer), nearest
        entry first."""
        ...

    def similarity(self, question: str, entry: int, with_answer: bool = False) -> float | None:
        """How near in meaning the question comes to the entry's nearest phrasing (or its
        answer, if nearer and `with_answer`); None when that cannot be told (no model)."""
        ...

    def similarities(self, question: str) -> np.ndarray | None:
        """Each entry's similarity to the question (its nearest phrasing or its answer), in
        entry order; None when that cannot be told (no model)."""
        ...

    def nearest_word(self, word: str, text: str) -> tuple[float, str]:
        """How near in meaning the word comes to the nearest word of the text, and that
        word."""
        ...

    def encode_ahead(self, questions: list[str]) -> None:
        """Encode these questions together, to be asked about next."""
        ...

    def alike(self, text: str, other: str) -> float:
        """How near in meaning two texts come (cosine)."""
        ...


# The entries nearest in meaning that words and meaning together weigh, retrieved by words or
# not (see Matcher._by_words_and_meaning): beyond these, an entry that words did not
# retrieve is too far in meaning to come first.
TOGETHER_NEAREST = 32


class Nearest(NamedTuple):
    """The entry nearest to a question in meaning (Matcher._nearest_in_meaning)."""

    index: int
    entry: Entry
    similarity: float  # cosine to `text`, its nearest phrasing or its answer
    text: str
    lead: float  # over `rival`, the nearest entry on another subject; its similarity if none
    rival: str | None  # that entry's id; None where every other entry agrees with it

    @property
    def described(self) -> str:
        """The above in words, for --explain (made only for an answer)."""
        kind = "answer" if self.text == self.entry.answer else "phrasing"
        ahead = f", {self.lead:.2f} ahead of {self.rival}" if self.rival is not None else ""
        return f"similarity {self.similarity:.2f} to its {kind} {self.text!r}{ahead}"

    def answer(self, found: Candidate) -> Candidate:
        """The entry as words `found` it, answered by meaning: its confidence 100 x the
        similarity."""
        return found._replace(confidence=100 * self.similarity, meaning=self.similarity)


class Verdict(NamedTuple):
    """What one of meaning's signals makes of a question words leave unanswered: an answer
    and why, or None and why not."""

    answer: Candidate | None
    why: str


class MeaningSignals:
    """Meaning's signals, the part of the matcher (faqbot.matcher.Matcher) that weighs a
    question by meaning (with the `meaning` extra): the check on what words answer
    (_meaning_doubts), and, for a question words leave unanswered, the signals that may
    answer it in turn (_meaning_answers). Each reads what words made of the question (a
    Worded) and asks the matcher's words again where it needs them: an entry scored, two
    entries compared, the decision, a question re-read."""

    # The matcher's, which these signals read (see Matcher). They ask it too: _by_words,
    # _checked_by_meaning, _score, _confidence, _first_rival, agree and _decide.
    settings: Settings
    meaning: NearestByMeaning | None
    shows_how_users_ask: bool
    _indexed: Sequence[IndexedEntry]

    def _meaning_answers(
        self, worded: Worded, reason: str, nearest: Nearest | None = None
    ) -> tuple[Candidate | None, str, str | None]:
        """Meaning's signals in turn, for a question words leave unanswered (`reason`: why):
        the first one's answer and why; or no answer, `reason`, and why the entry nearest in
        meaning is not the answer (for --explain). `nearest`: that entry, if already found."""
        if nearest is None:
            nearest = self._nearest_in_meaning(worded.analysed)
        verdicts = []
        for signal in (self._by_meaning, self._confirmed_by_meaning) if nearest else ():
            verdict = signal(worded, nearest)
            if verdict.answer is not None:
                return verdict.answer, f"{verdict.why} (by words: {reason})", None
            verdicts.append(verdict)
        if worded.unknown_topic:
            verdict = self._said_in_other_words(worded)
            if verdict.answer is not None:
                return verdict.answer, verdict.why, None
            verdicts.append(verdict)
        elif nearest is not None and not self.shows_how_users_ask:
            # Words and meaning together, only where words declined by themselves: not to
            # answer again what meaning doubted.
            together = () if worded.answer is not None else (self._by_words_and_meaning,)
            for signal in (self._read_in_its_words, *together):
                verdict = signal(worded, nearest)
                if verdict.answer is not None:
                    return verdict.answer, verdict.why, None
                verdicts.append(verdict)
        if nearest is None:
            return None, reason, None
        whys = "; ".join(dict.fromkeys(v.why for v in verdicts))
        return (
            None,
            reason,
            f"{nearest.entry.id} is nearest, {nearest.described}; not the answer: {whys}",
        )

    def _by_meaning(self, worded: Worded, nearest: Nearest) -> Verdict:
        """Signal: meaning. The entry whose phrasing is nearest to the question in meaning,
        when it is near enough, clearly nearer than any entry on another subject, and holds
        a word near to each rare word the KB never uses: the answer, with why."""
        assert self.meaning is not None and worded.prepared is not None
        s = self.settings
        if nearest.similarity < s.meaning_min_similarity or nearest.lead < s.meaning_min_lead:
            return Verdict(
                None,
                f"alone, meaning needs similarity {s.meaning_min_similarity:g} and a lead of "
                f"{s.meaning_min_lead:g}",
            )
        far, said = self._rare_words_near(worded, nearest.entry, s.meaning_min_word_similarity)
        if far is not None:
            return Verdict(None, far)
        i = nearest.index
        answer = nearest.answer(worded.scored.get(i) or self._score(i, worded.prepared))
        return Verdict(
            answer,
            f"it means what {nearest.entry.id} asks: {nearest.described}"
            + "".join(f"; {w}" for w in said),
        )

    def _confirmed_by_meaning(self, worded: Worded, nearest: Nearest) -> Verdict:
        """Signal: meaning, as a second opinion on words. The entry words rank best, though
        they decline it, when it is also the entry nearest to the question in meaning, near
        enough, clearly the nearest (less clearly where words lead clearly), and brought nearer
        by each rare word the KB never uses (Settings.meaning_confirms_*): the answer, with
        why."""
        assert self.meaning is not None
        best = worded.candidates[0] if worded.candidates else None
        if best is None or nearest.entry is not best.entry:
            return Verdict(None, f"words rank {best.entry.id if best else 'no entry'} first")
        s = self.settings
        rare = worded.unknown_topic
        needed = s.meaning_confirms_rare_similarity if rare else s.meaning_confirms_similarity
        words_lead = self._clear_lead(best, worded.runner_up)
        if words_lead is None:
            lead = s.meaning_confirms_lead
            otherwise = (
                f" ({s.meaning_confirms_lead_words_ahead:g} where words lead "
                f"{s.meaning_confirms_words_ahead:g} times its rival)"
            )
        else:
            lead, otherwise = s.meaning_confirms_lead_words_ahead, ""
        if nearest.similarity < needed or nearest.lead < lead:
            return Verdict(
                None,
                f"with words ranking it first, meaning needs similarity {needed:g} and a lead "
                f"of {lead:g}{otherwise}",
            )
        # what else says it is the answer, for the reason: the words' lead where it was needed
        evidence = (
            [] if nearest.lead >= s.meaning_confirms_lead else [f"words lead too ({words_lead})"]
        )
        for word in rare:
            without = self.meaning.similarity(
                _without_word(worded.analysed, word), nearest.index, with_answer=True
            )
            if without is None or nearest.similarity - without < s.meaning_confirms_pull:
                return Verdict(
                    None,
                    f"{word!r} does not bring it nearer"
                    + ("" if without is None else f" ({without:.2f} without)"),
                )
            evidence.append(f"{word!r} brings it nearer ({without:.2f} without)")
        return Verdict(
            nearest.answer(best),
            f"its words and its meaning both point to {best.entry.id}: {nearest.described}"
            + "".join(f"; {said}" for said in evidence),
        )

    def _by_words_and_meaning(self, worded: Worded, nearest: Nearest) -> Verdict:
        """Signal: words and meaning together. Each entry scores its confidence (a share of
        100) and its similarity to the question in meaning, weighed as
        Settings.meaning_together_weight says; the entry that scores most is the answer when
        it scores at least meaning_together_min and leads every entry on another subject by
        meaning_together_lead. (`nearest` is meaning's own first, already found.)"""
        assert self.meaning is not None and worded.prepared is not None
        import numpy as np  # meaning is in use: numpy is installed and imported already

        s = self.settings
        similarities = self.meaning.similarities(worded.analysed)
        if similarities is None or len(similarities) < 2:
            return Verdict(None, f"{nearest.entry.id} has no rival to be weighed against")
        w = s.meaning_together_weight
        together = (1 - w) * similarities
        # The entries retrieved, and the nearest in meaning whether retrieved or not: one
        # that shares only function words with the question is no answer by words, yet
        # where meaning points to it its form agreeing with the question's is evidence too
        # (covidfaq's gain, above, is all such entries).
        nearest_in_meaning = np.argsort(-similarities, kind="stable")[:TOGETHER_NEAREST]
        confidences = self._confidences(worded, map(int, nearest_in_meaning))
        for i, conf in confidences.items():
            together[i] += w * conf / 100
        order = np.argsort(-together, kind="stable")
        best = int(order[0])
        entry = self._indexed[best].entry
        rival = self._first_rival(entry, map(int, order[1:]))
        score = float(together[best])
        lead = score - float(together[rival]) if rival is not None else score
        ahead = (
            f", {lead:.2f} ahead of {self._indexed[rival].entry.id}" if rival is not None else ""
        )
        if score < s.meaning_together_min or lead < s.meaning_together_lead:
            return Verdict(
                None,
                f"together, words and meaning rank {entry.id} first at {score:.2f}{ahead} "
                f"(an answer needs {s.meaning_together_min:g} and a lead of "
                f"{s.meaning_together_lead:g})",
            )
        found = worded.scored.get(best) or self._score(best, worded.prepared)
        similarity = float(similarities[best])
        return Verdict(
            found._replace(confidence=100 * score, meaning=similarity),
            f"words and meaning together rank {entry.id} first: {w:g} x its confidence "
            f"{confidence_text(confidences.get(best, 0.0))} / 100 + {1 - w:g} x its "
            f"similarity {similarity:.2f} = {score:.2f}{ahead}",
        )

    def _confidences(self, worded: Worded, more: Iterable[int]) -> dict[int, float]:
        """The confidence of every entry retrieved for the question and of the entries
        `more`, by index: those ranked already, the rest worked out. (An entry not retrieved
        shares at most function words with the question, and scores little.)"""
        assert worded.prepared is not None
        ranking = worded.ranking
        known = {i: conf for conf, _, i in ranking.ranked}
        for _, minus_i, _, ie in ranking.bounds:
            if -minus_i not in known:
                known[-minus_i] = self._confidence(-minus_i, ie, worded.prepared)
        for i in more:
            if i not in known:
                known[i] = self._confidence(i, self._indexed[i], worded.prepared)
        return known

    def _clear_lead(self, best: Candidate, rival: Candidate | None) -> str | None:
        """How words lead, where they lead clearly (the best entry's confidence at least
        Settings.meaning_confirms_words_ahead times its rival's), said for a reason; None
        where they do not."""
        if rival is None:
            return "no other entry shares a topic word"
        if best.confidence < self.settings.meaning_confirms_words_ahead * rival.confidence:
            return None
        return (
            f"{confidence_text(best.confidence)} against {rival.entry.id}'s "
            f"{confidence_text(rival.confidence)}"
        )

    def _nearest_in_meaning(self, question: str) -> Nearest | None:
        """The entry nearest to the question in meaning, and how far it leads the nearest
        entry on another subject (one that does not agree with it); None when the KB has no
        text to compare."""
        assert self.meaning is not None
        nearest = self.meaning.nearest(question)
        if not nearest:
            return None
        i, similarity, text = nearest[0]  # the phrasing, or the answer
        entry = self._indexed[i].entry
        rival = next(((j, sim) for j, sim, _ in nearest[1:] if not self.agree(entry, j)), None)
        if rival is None:
            return Nearest(i, entry, similarity, text, similarity, None)
        j, rival_similarity = rival
        lead = similarity - rival_similarity
        return Nearest(i, entry, similarity, text, lead, self._indexed[j].entry.id)

    def _said_in_other_words(self, worded: Worded) -> Verdict:
        """Signal: meaning, for the rare words the KB never uses that decline a question.
        When each comes near a word of the entry words rank best, it names no other topic
        but says that word in other words ("Do you ship to the usa?" -> an entry that says
        "US"): the answer words find without the rule, and why; not when a word is not that
        near, or words decline the question for another reason too."""
        assert self.meaning is not None and worded.prepared is not None
        if not worded.candidates:
            return Verdict(None, "words rank no entry first")
        best = worded.candidates[0]
        far, said = self._rare_words_near(worded, best.entry, self.settings.meaning_same_word)
        if far is not None:
            return Verdict(None, far)
        answer, reason = self._decide(best, worded.runner_up, worded.prepared.tokens, [])
        if answer is None:
            return Verdict(None, f"without its rare words: {reason}")
        doubt, _ = self._meaning_doubts(worded, answer)
        if doubt is not None:
            return Verdict(None, doubt)
        return Verdict(answer, f"{reason}; {', '.join(said)}")

    def _read_in_its_words(self, worded: Worded, nearest: Nearest) -> Verdict:
        """Signal: meaning, for the common words a written KB never uses ("before", asked of
        an entry that says "previously"). Such a word weighs what the KB cannot explain, and
        may keep a question under the threshold or on another entry, though the rare-word
        rule leaves it be. Each such word that says a word of the entry nearest in meaning in
        other words (_read_as, as a rare one is read) is read as that word, and the
        question so read is ranked again by words: the answer, where it is that entry. The
        question must come as near that entry (a phrasing or its answer) as words' answers
        must come to theirs (meaning_min_agreement), and where words ranked it first already,
        pass _meaning_doubts too. A KB of users' own messages, whose questions are full of
        words it never uses, is not read so (see Settings)."""
        assert self.meaning is not None and worded.prepared is not None
        if not worded.candidates:  # no word of it is the KB's: read, it would be all meaning's
            return Verdict(None, "words rank no entry first")
        needed = self.settings.meaning_min_agreement
        if nearest.similarity < needed:  # as far from every entry as words' answers may not be
            return Verdict(
                None,
                f"too far in meaning to read in its words: similarity "
                f"{nearest.similarity:.2f} (at least {needed:g} needed)",
            )
        entry = nearest.entry
        question = worded.prepared
        unknown = [
            t.surface
            for t, exp in zip(question.tokens, question.expansions, strict=True)
            if not exp and not t.stop and t.surface.isalpha()
        ]
        text = _entry_text(entry)
        read, said = worded.analysed, []
        for word in unknown:
            kb_word, how = self._read_as(
                worded.analysed, word, text, self.settings.meaning_same_word
            )
            if kb_word is not None:
                said.append(how)
                read = _with_whole_word(read, word, kb_word)
        if not said:
            return Verdict(None, f"no word it never uses says a word of {entry.id}")
        again = self._by_words(read, worded.top)
        if again.prepared is not None:
            again.prepared.forget_scores()
        answer = again.answer
        if answer is None or answer.entry.id != entry.id:
            outcome = again.reason if answer is None else f"words rank {answer.entry.id} first"
            return Verdict(None, f"read in its words ({', '.join(said)}), {outcome}")
        if worded.candidates[0].entry.id == entry.id:
            doubt, _ = self._meaning_doubts(worded, worded.candidates[0])
            if doubt is not None:
                return Verdict(None, doubt)
        return Verdict(answer, f"read in its words, {again.reason}; {', '.join(said)}")

    def _rare_words_near(
        self, worded: Worded, entry: Entry, bar: float
    ) -> tuple[str | None, list[str]]:
        """How near each rare word the KB never uses comes to a word of the entry in meaning:
        why the first that comes no nearer than `bar` keeps the question from it (None if
        none), and what each word before it comes near."""
        text = _entry_text(entry)
        said = []
        for word in worded.unknown_topic:
            kb_word, how = self._read_as(worded.analysed, word, text, bar)
            if kb_word is None:
                return f"{word!r} comes near no word of {entry.id} (nearest {how})", said
            said.append(how)
        return None, said

    def _read_as(self, question: str, word: str, text: str, bar: float) -> tuple[str | None, str]:
        """The word of an entry's `text` that a question word the KB never uses says, if any:
        one at least `bar` near it in meaning, or one the question says in it (see
        _said_otherwise); and, in words, how near (for a word it says none of, how near the
        nearest comes, or "none")."""
        assert self.meaning is not None
        similarity, kb_word = self.meaning.nearest_word(word, text)
        if similarity >= bar:
            return kb_word, f"{word!r} comes near {kb_word!r} in meaning ({similarity:.2f})"
        if not kb_word:
            return None, "none"
        reads, how = self._said_otherwise(question, word, kb_word)
        if reads:
            return kb_word, f"{word!r} says {kb_word!r} in the question ({how})"
        return None, f"{kb_word!r}, {similarity:.2f}; the question {how}"

    def _said_otherwise(self, question: str, word: str, kb_word: str) -> tuple[bool, str]:
        """Whether the question says `kb_word` in `word`: it means nearly the same with
        `kb_word` in its place, and that gives back enough of what it loses without the word
        (Settings.meaning_swapped_*); and how alike it is each way, in words."""
        assert self.meaning is not None
        swapped = self.meaning.alike(question, _with_word(question, word, kb_word))
        how = f"{swapped:.2f} alike with {kb_word!r}"
        if swapped < self.settings.meaning_swapped_word:
            return False, how
        without = self.meaning.alike(question, _without_word(question, word))
        how += f", {without:.2f} without {word!r}"
        return swapped - without >= self.settings.meaning_swapped_gain * (1 - without), how

    def _meaning_doubts(
        self, worded: Worded, answer: Candidate
    ) -> tuple[str | None, Nearest | None]:
        """Signal: meaning, as a check on words. Why the answer words found (their best
        entry) is not what the question means: it is far in meaning from every phrasing of
        the entry, and from its answer where that is short; or another entry on another
        subject is clearly nearer (Settings.meaning_rival_gap). None when neither, when words
        are sure of it (see _checked_by_meaning), or when meaning is not available. With it,
        the entry nearest in meaning where that was looked up (for _meaning_answers)."""
        assert self.meaning is not None
        if not self._checked_by_meaning(answer):
            return None, None
        i = worded.ranking.ranked[0][2]
        short = self._indexed[i].told_size <= self.settings.agreement_answer_terms
        similarity = self.meaning.similarity(worded.analysed, i, short)
        needed = self.settings.meaning_min_agreement
        if similarity is None:
            return None, None
        words_said = f"its words point to {answer.entry.id} ({confidence_text(answer.confidence)})"
        if similarity < needed:
            return (
                f"{words_said}, but its meaning does not: similarity {similarity:.2f} to its "
                f"nearest {'phrasing or answer' if short else 'phrasing'} (at least {needed:g} "
                "needed)"
            ), None
        nearest = self._nearest_in_meaning(worded.analysed)
        if nearest is None or self.agree(answer.entry, nearest.index):
            return None, nearest
        # compared as the nearest is: by its phrasings or its answer, whatever the answer's length
        if not short:
            similarity = self.meaning.similarity(worded.analysed, i, with_answer=True) or 0.0
        gap = self.settings.meaning_rival_gap
        if nearest.similarity - similarity < gap:
            return None, nearest
        return (
            f"{words_said}, but its meaning is nearer {nearest.entry.id}: similarity "
            f"{nearest.similarity:.2f} against {similarity:.2f} (a gap of {gap:g} or more)"
        ), nearest


def _without_word(question: str, word: str) -> str:
    """The question with every word that starts with `word` taken out ("museum's" with
    "museum")."""
    return _with_word(question, word, "")


def _with_word(question: str, word: str, other: str) -> str:
    """The question with `other` in the place of every word that starts with `word`: the
    words _without_word takes out, so that a question with a word swapped and without it
    differ in the same places."""
    return re.sub(rf"\b{re.escape(word)}\w*", other, question, flags=re.IGNORECASE)


def _with_whole_word(question: str, word: str, other: str) -> str:
    """The question with `other` in the place of the word `word`, wherever it is written so
    (whatever its case), and nowhere else: "pay" read as "paid" leaves "payment" be."""
    return re.sub(rf"\b{re.escape(word)}\b", other, question, flags=re.IGNORECASE)


def _entry_text(entry: Entry) -> str:
    """What of an entry a word of the question may come near in meaning: its phrasings and
    its answer."""
    return f"{' '.join(entry.phrasings)} {entry.answer}"
