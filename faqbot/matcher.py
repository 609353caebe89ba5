"""Find the entry that answers a question, or decide that none does: the question analysed,
the candidates retrieved (faqbot.retrieval), each scored by the signals (faqbot.signals and
below), ranked, weighed by meaning (faqbot.meaning_signals), and the best answered or
declined. Its settings, each with why its default: faqbot.settings.

Signals, each weighted by how informative a word is in this knowledge base (inverse document
frequency over entries: "Kim" is in nearly every entry of the article KB, so it tells little):

- recall: how much of the question's informative content the best phrasing explains;
- precision: how much of that phrasing the question covers (a short exact phrasing wins);
- coverage: how much of the question the entry explains anywhere (phrasings, answer, source).
  A question whose key word appears nowhere in the entry ("height", "carriages") is not
  answered by it, however well the rest matches;
- answer type: "how far" / "when" / "how many" asked of an entry whose answer holds no
  distance, time or number is marked down;
- topicality: an entry that explains only the question's function words is no answer, and
  is not even scored (see faqbot.retrieval);
- meaning, with the `meaning` extra installed (faqbot.meaning_signals): a check on the
  answer words find, and, for a question words leave unanswered, the entry nearest to it in
  meaning when that one is near and clearly the nearest ("On Sunday mornings, are you
  open?" -> "When do you open?"), among others.

Words match when their stems (or KB synonym groups) are equal, when the question writes as
one word what the KB writes as two or the other way round ("wifi", "wi-fi"), or, for typos,
when rapidfuzz finds them close enough; a fuzzy match counts for a little less than an exact
one. A word the KB never uses weighs its surprisal in the KB (see `kb_index`), and the
abstention threshold is derived from the same statistic, so nothing here depends on which KB
is loaded except what is computed from it, and English word frequencies (general_english.py):
where a KB has about one phrasing per entry, or its author wrote its many, a rare English word
it never uses declines the question; where it has many, a question that says too little of
its nearest phrasing does.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Iterable

from faqbot import signals
from faqbot.analysis import Analyzer, QuestionType, Token
from faqbot.figures import confidence_text
from faqbot.kb_index import (
    FEW_PHRASINGS,
    IndexedEntry,
    KBIndex,
    build_index,
    shows_how_users_ask,
    stopword_weight,
    version_numbers,
    version_weight,
)
from faqbot.meaning_signals import MeaningSignals, NearestByMeaning
from faqbot.model import Entry, KnowledgeBase
from faqbot.results import Candidate, Ranking, Result, Worded, analysed_part
from faqbot.retrieval import retrieve
from faqbot.settings import Settings
from faqbot.signals import Explained, PhrasingFit, Question, f_score
from faqbot.text import words

MAX_SUGGESTIONS = 3
# Typo searches kept a run (see Matcher._expand): a long batch of ever new words must not
# grow memory without end.
MAX_TYPOS_KEPT = 50_000
# Floor of a KB's novelty (see Matcher.novelty): caps an unknown word's weight at ln(100).
MIN_NOVELTY = 0.01


class Matcher(MeaningSignals):
    def __init__(
        self,
        kb: KnowledgeBase | KBIndex,
        settings: Settings | None = None,
        english_in_cache: bool = True,
    ) -> None:
        """A matcher for a knowledge base, or for its index already built (or stored).
        `english_in_cache`: whether the English word list may be read from and kept in the
        cache directory (see general_english)."""
        self.settings = settings or Settings()
        self.english_in_cache = english_in_cache
        index = kb if isinstance(kb, KBIndex) else build_index(kb, self.settings.index_settings())
        self.index = index
        self.analyzer = Analyzer(index.synonyms)
        self.phrasings_per_entry = k = index.phrasings_per_entry
        self.shows_how_users_ask = shows_how_users_ask(k, self.settings.many_phrasings)
        # Whether a rare word the KB never uses declines a question (see _names_a_topic): in
        # a KB its author wrote, one phrasing an entry or many (Settings.written_share).
        self.rare_words_decline = not self.shows_how_users_ask or (
            index.written_phrasings >= self.settings.written_share * index.size * k
        )
        self.stopword_weight = stopword_weight(self.settings.stopword_weight, k) if k else 1.0
        self._idf = index.idf
        self._surfaces = index.surfaces
        self._joined_pairs = index.joined_pairs
        self._versions = index.versions
        self._postings = index.postings
        self._shortest = index.shortest
        self._indexed = index.entries
        self._fuzzy_choices = index.fuzzy_choices
        self._entry_words: dict[str, list[str]] = {}  # entry id -> the words of its question
        # An answer's size in terms -> what a question word found only there counts: asked
        # for every candidate of every question, and there are few sizes.
        self._credits: dict[int, float] = {}
        # A word the KB does not know -> the KB terms it may be a typo of: looked for once a
        # run, since users repeat their words and the search visits the KB's whole vocabulary.
        self._typos_of: dict[str, dict[str, float]] = {}
        # (word length, edits allowed) -> the KB words a typo search visits (see _typo_terms)
        self._choices_near: dict[tuple[int, int], list[str]] = {}
        # Set by the caller when the `meaning` extra is installed (see faqbot.meaning): asked
        # only about questions that words leave unanswered.
        self.meaning: NearestByMeaning | None = None
        prior = self.settings.novelty_prior_words
        self.novelty = (index.novel_words + prior * self.settings.prior_novelty) / (
            index.phrasing_words + prior
        )
        # The KB's confidence units: the threshold and the runner-up margin scale by it (see
        # derived_threshold).
        self.scale = (1 - self.novelty) * k / (k + 1)
        # An entry's best phrasing is the best of k draws: with many alternates it says much
        # about the entry, with one question per FAQ little, and the answer text (coverage)
        # must say the rest.
        self.phrasing_weight = self.settings.phrasing_weight * k / (k + 1)
        # A word the KB never uses weighs its surprisal: -ln(novelty), where novelty is how
        # often the KB's own phrasings use a word found nowhere else in it. In a KB written in
        # one vocabulary an unknown word is a strong sign the question is about something
        # else; in a KB of noisy user messages new words are normal and count for less.
        self._unknown_idf = -math.log(max(self.novelty, MIN_NOVELTY))
        self.threshold: float = (
            self.settings.threshold
            if self.settings.threshold is not None
            else self.derived_threshold()
        )

    def derived_threshold(self) -> float:
        """The confidence a right answer can be expected to reach in this KB: `base_threshold`
        times `scale`, the product of two of the KB's own statistics:

        - 1 - novelty: where genuine questions often bring words the KB lacks (novelty, see
          `kb_index`), right answers explain less of the question and score lower by about
          that share;
        - k / (k + 1), k the mean number of phrasings per entry: an entry scores through its
          best phrasing, and the best of k draws is k / (k + 1) on average for uniform
          draws, so one question per entry scores about half of what many alternates do.
        """
        return round(self.settings.base_threshold * self.scale, 1)

    def _answers_type(self, ie: IndexedEntry, qtype: QuestionType) -> bool:
        """Whether the entry can answer a question of this type: one of its phrasings asks
        that type, or its answer holds such a value (a distance, a time, a number)."""
        known = ie.answers_type.get(qtype.name)
        if known is None:
            known = any(
                qtype in self.analyzer.question_types(text) for text in ie.entry.phrasings
            ) or bool(qtype.answer_pattern.search(ie.answer_text))
            ie.answers_type[qtype.name] = known
        return known

    def idf(self, term: str) -> float:
        return self._idf.get(term, self._unknown_idf)

    def _form_factor(self, token: Token) -> float:
        return self.stopword_weight if token.stop else 1.0

    def _question_weight(self, token: Token, expansion: dict[str, float]) -> float:
        """How much a question word counts. A word the KB knows (or a typo of one) weighs its
        KB weight. One it does not know weighs its surprisal in this KB, since the KB cannot
        explain it, unless it is a function word or a number: neither names a topic, so an
        unknown one is no sign that the question is about something else, and weighs 0."""
        if not expansion and (token.stop or token.surface.isdigit()):
            return 0.0
        return self._word_idf(expansion) * self._form_factor(token)

    def _word_idf(self, expansion: dict[str, float]) -> float:
        """The idf of a question word that may stand for these KB terms: the highest of
        theirs, or its surprisal where it stands for none."""
        return max(map(self.idf, expansion)) if expansion else self._unknown_idf

    def _weigh_versions(
        self,
        versions: dict[str, str],
        tokens: list[Token],
        expansions: list[dict[str, float]],
        weights: list[float],
    ) -> dict[str, str]:
        """A version number in the question weighs what it adds to its word, as in the KB's
        phrasings (see kb_index.version_weight). The numbers so weighed, each with its word
        as written (for --explain)."""
        place = {t.term: k for k, t in enumerate(tokens)}
        weighed = {}
        for number, word in versions.items():
            k, j = place[number], place[word]
            if weights[k]:  # a number the KB does not know weighs 0 already
                weights[k] = version_weight(
                    self._word_idf(expansions[k]), self._word_idf(expansions[j])
                )
                weighed[number] = tokens[j].surface
        return weighed

    # -- matching --------------------------------------------------------------------------

    def _expand(self, token: Token) -> dict[str, float]:
        """The KB terms this question token may stand for, with the strength of each."""
        if token.term in self._idf:
            return {token.term: 1.0}
        if len(token.surface) < self.settings.fuzzy_min_length or " " in token.surface:
            return {}
        known = self._typos_of.get(token.surface)
        if known is None:
            if len(self._typos_of) >= MAX_TYPOS_KEPT:
                self._typos_of.clear()
            known = self._typos_of[token.surface] = self._typo_terms(token.surface)
        return known

    def _typo_terms(self, word: str) -> dict[str, float]:
        """The KB terms a word may be a typo of, with the strength of each."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        # A typo is one edit in a word of up to six letters, two in a longer one, where
        # swapping two neighbours is one edit ("frist" -> "first"); "height" is not "high".
        # Two edits from a common English word only to another form of it (see
        # Settings.typo_english_zipf); the word list is read only when that is asked.
        max_edits = 1 if len(word) <= self.settings.one_edit_max_length else 2
        found: dict[str, float] = {}
        for surface, edits, _ in process.extract(
            word, self._choices_near_length(len(word), max_edits), scorer=OSA.distance,
            score_cutoff=max_edits, limit=5,
        ):  # fmt: skip
            term = self._surfaces[surface]
            if edits > 1 and self._a_word_not_a_slip(word, surface, term):
                continue
            strength = self.settings.fuzzy_credit * (1 - edits / max(len(word), len(surface)))
            found[term] = max(found.get(term, 0.0), strength)
        return found

    def _a_word_not_a_slip(self, word: str, surface: str, term: str) -> bool:
        """Whether a question word two edits from a KB word is a word of its own, not a
        slip: where the KB is a written FAQ (as for rare words, English at large is then the
        prior; a KB of users' own messages is not asked, and a batch on it never reads the
        word list), English uses it at least Settings.typo_english_zipf often, and neither
        word begins with the other."""
        if self.shows_how_users_ask or _another_form(word, surface, term):
            return False
        from faqbot.general_english import zipf

        return zipf(word, self.english_in_cache) >= self.settings.typo_english_zipf

    def _choices_near_length(self, length: int, edits: int) -> list[str]:
        """The KB words a word of `length` letters can be within `edits` of, in the order of
        all of them: a word's length differs from another's by no more than their distance,
        so the search finds the same words, in the same order, ties and all, in less time
        (curekart's queries: 11.7 -> 7.3 ms in all). Made once a run per length: in a
        vocabulary of 50,000 words the first search costs what searching them all did (2.8
        ms to make the list and 2.0 to search it, against 5.0)."""
        key = (length, edits)
        near = self._choices_near.get(key)
        if near is None:
            near = self._choices_near[key] = [
                surface for surface in self._fuzzy_choices if abs(len(surface) - length) <= edits
            ]
        return near

    def _mend_compounds(self, tokens: list[Token]) -> list[Token]:
        """Words as people write them: "wifi", "wi-fi" and "wi fi", or "login" and "log in",
        are one word. Where the question joins two words that the KB writes apart, it is
        split; where it splits a word the KB writes joined, the two are joined."""
        out: list[Token] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            joined = tok.surface + nxt.surface if nxt is not None else ""
            if (
                nxt is not None
                and joined in self._surfaces
                and joined not in self._joined_pairs  # the KB writes them apart too
                and " " not in joined
            ):
                out.append(Token(self._surfaces[joined], joined))
                i += 2
                continue
            if (
                tok.term not in self._idf
                and tok.surface in self._joined_pairs
                and tok.surface not in self._surfaces
            ):
                out.extend(self._joined_pairs[tok.surface])
            else:
                out.append(tok)
            i += 1
        return out

    def _names_a_topic(self, token: Token) -> bool:
        """Whether a word the KB does not know names a topic: a real English word, and a
        rare one. Function words, numbers and words English does not know (typos, codes) do
        not: they say nothing of what the question is about."""
        if token.stop or not token.surface.isalpha():
            return False
        from faqbot.general_english import ABSENT, zipf

        return ABSENT < zipf(token.surface, self.english_in_cache) < self.settings.rare_word_zipf

    def match(self, question: str, top: int = 3) -> Result:
        return self._weigh_meaning(self._by_words(question, top))

    def match_all(self, questions: list[str], top: int = 3) -> list[Result]:
        """match() for each question. Those whose answer meaning will weigh in on are encoded
        together first: in a batch the model takes under half the time a question."""
        worded = [self._by_words(q, top) for q in questions]
        if self.meaning is not None:
            asking = [w.analysed for w in worded if self._asks_meaning(w)]
            if len(asking) > 1:
                self.meaning.encode_ahead(asking)
        return [self._weigh_meaning(w) for w in worded]

    def _by_words(self, question: str, top: int) -> Worded:
        shown = max(top, 1)
        tokens, unknown_topic, prepared, ranking = self._rank(question, shown)
        ranked = ranking.ranked
        # The retrieved entries are ranked by their confidence alone; the few that are shown
        # (best, runner-up, --top) are worked out in full, words and all; suggestions, once
        # the question is declined (see _suggestions).
        scored = {i: self._score(i, prepared) for _, _, i in ranked[:shown]}
        candidates = list(scored.values())
        best = candidates[0] if candidates else None
        runner_up = None
        if best is not None:
            # The first entry that competes with the best: one that rests on another source.
            rival = self._first_rival(best.entry, (i for _, _, i in ranked[1:]))
            if rival is not None:
                runner_up = scored.get(rival) or self._score(rival, prepared)
        answer, reason = self._decide(best, runner_up, tokens, unknown_topic)
        return Worded(
            question, top, prepared, ranking, scored, candidates, unknown_topic, answer, reason,
            runner_up,
        )  # fmt: skip

    def _asks_meaning(self, worded: Worded) -> bool:
        """Whether _weigh_meaning will encode the question (to encode it ahead, with others)."""
        if worded.answer is not None:
            return self._checked_by_meaning(worded.answer)
        return worded.prepared is not None

    def _checked_by_meaning(self, answer: Candidate) -> bool:
        """Whether meaning checks an answer words found: not when words are sure of it (a
        phrasing of its own says the question nearly whole, not the words of its id alone),
        nor under threshold 0 (the best entry is asked for, whatever else)."""
        sure = answer.phrasing_score >= self.settings.words_sure and not answer.explained.by_id
        return self.threshold > 0 and not sure

    def _weigh_meaning(self, worded: Worded) -> Result:
        """The answer words found, checked by meaning; or, failing one, meaning's; or the
        entry words and meaning both rank first; or the one words found but for a rare word
        the entry says in other words; or the one words find once the question is read in
        its words; or the one words and meaning together rank first (see _meaning_doubts,
        _by_meaning, _confirmed_by_meaning, _said_in_other_words, _read_in_its_words and
        _by_words_and_meaning): the result."""
        answer, reason = worded.answer, worded.reason
        nearest = None  # the entry nearest in meaning, where the check on words found it
        if answer is not None and self.meaning is not None:
            doubt, nearest = self._meaning_doubts(worded, answer)
            if doubt is not None:
                answer, reason = None, doubt
        prepared = worded.prepared
        why_not = None
        if answer is None and prepared is not None and self.meaning is not None:
            answer, reason, why_not = self._meaning_answers(worded, reason, nearest)
        candidates = worded.candidates
        offered = () if answer else self._suggestions(worded)
        listed = tuple(candidates[: max(worded.top, 1)])
        if prepared is not None:
            prepared.forget_scores()
        return Result(worded.question, listed, answer, reason, offered, why_not)

    def _suggestions(self, worded: Worded) -> tuple[Candidate, ...]:
        """The entries named when the question is declined: the first MAX_SUGGESTIONS, those
        at least half-way to the threshold (a 5% match helps nobody). Ranking goes on as far
        as they need: no further than the first bound under that."""
        floor = self.threshold / 2
        candidates = worded.candidates
        if worded.prepared is not None and len(candidates) < MAX_SUGGESTIONS:
            ranked = self._rank_further(
                worded.ranking, worded.prepared, MAX_SUGGESTIONS, floor=floor
            )
            for _, _, i in ranked[len(candidates) : MAX_SUGGESTIONS]:
                candidates.append(worded.scored.get(i) or self._score(i, worded.prepared))
        return tuple(c for c in candidates[:MAX_SUGGESTIONS] if c.confidence >= floor)

    def _rank(
        self, question: str, shown: int
    ) -> tuple[list[Token], list[str], Question | None, Ranking]:
        """The question's tokens, the rare words it has that the KB never uses, the question
        as entries are scored against it, and the retrieved entries ranked as far as the
        first `shown` and the best's first rival (see _best_of)."""
        analysed = analysed_part(question)
        all_tokens, qtypes = self.analyzer.analyse(analysed)
        mended = self._mend_compounds(all_tokens)
        tokens = list({t.term: t for t in mended}.values())
        if all(t.stop for t in tokens):
            return tokens, [], None, Ranking([], {})  # nothing informative: no candidate
        expansions = [self._expand(t) for t in tokens]
        weights = [self._question_weight(t, exp) for t, exp in zip(tokens, expansions, strict=True)]
        versions = version_numbers(mended, self._versions)
        weighed = self._weigh_versions(versions, tokens, expansions, weights) if versions else {}
        unknown_topic = (
            [
                t.surface
                for t, exp in zip(tokens, expansions, strict=True)
                if not exp and self._names_a_topic(t)
            ]
            if self.rare_words_decline
            else []
        )
        prepared = Question(tokens, expansions, weights, qtypes, weighed)
        retrieved = self._retrieve(prepared)
        self.index.prefetch(retrieved)
        return tokens, unknown_topic, prepared, self._best_of(retrieved, prepared, shown)

    def _best_of(self, retrieved: list[int], question: Question, shown: int) -> Ranking:
        """The retrieved entries as (confidence, id, index), best first, as far as an answer
        needs them: the first `shown`, and on to the first that competes with the best (see
        match). Each entry's confidence is first bounded from above by what is cheap to
        know (see _ceiling); entries are taken from the highest bound down, until no bound
        left can reach what those places already hold. An entry of a few phrasings, when
        taken, is first bounded again, phrasing by phrasing (see _phrasing_ceiling), and
        goes back among the others; one whose bound is already that is scored in full. The
        order is exactly the one that scoring every entry gives, for a fraction of the work:
        in a large KB most candidates share one word with the question and are bounded far
        below the best, and most of those of a few phrasings that are not owe their bound
        to terms that no one phrasing says together."""
        most_said = self._most_said(question)
        # Highest bound first, ties the higher index first; entries are looked up once (a
        # stored KB's entries are a Python-level sequence). (-bound, -index, whether the
        # bound is final, entry): one phrasing, or many (see FEW_PHRASINGS), are not bounded
        # again, as _ceiling bounds the first as closely, and the second are scored by term.
        bounds = [
            (
                -self._ceiling(i, ie, question, most_said),
                -i,
                not 1 < ie.phrasing_count <= FEW_PHRASINGS,
                ie,
            )
            for i, ie in zip(retrieved, map(self._indexed.__getitem__, retrieved), strict=True)
        ]
        heapq.heapify(bounds)
        ranking = Ranking(bounds, most_said)
        self._rank_further(ranking, question, shown)
        return ranking

    def _rank_further(
        self, ranking: Ranking, question: Question, shown: int, floor: float | None = None
    ) -> list[tuple[float, str, int]]:
        """Go on ranking (see _best_of) until the first `shown` are known and, without a
        `floor`, the best's first rival; with one, only as far as entries can reach it."""
        bounds, ranked, most_said = ranking.bounds, ranking.ranked, ranking.most_said
        while bounds:
            bound, i, final, ie = bounds[0]
            # Done once the bound is below the `shown`-th place and the best's first rival
            # (looked for only then), or below the floor.
            if floor is not None and -bound < floor:
                break
            if (
                len(ranked) >= shown
                and -bound < ranked[shown - 1][0]
                and (floor is not None or -bound < self._rival_confidence(ranked))
            ):
                break
            i = -i
            if not final:
                refined = self._phrasing_ceiling(i, ie, question, most_said)
                heapq.heapreplace(bounds, (-refined, -i, True, ie))
                continue
            heapq.heappop(bounds)
            bisect.insort(
                ranked,
                (self._confidence(i, ie, question), ie.entry.id, i),
                key=lambda r: (-r[0], r[1]),
            )
        return ranked

    def _most_said(self, question: Question) -> dict[str, float]:
        """The most each term the question covers can add to what a phrasing says (a term
        weighs its idf in a phrasing, times the function-word weight where it is one)."""
        heaviest = max(1.0, self.stopword_weight)
        return {term: self.idf(term) * heaviest * v for term, v in question.covered.items()}

    def _rival_confidence(self, ranked: list[tuple[float, str, int]]) -> float:
        """The confidence of the first ranked entry that competes with the best (see match);
        -inf while none is ranked."""
        best = self._indexed[ranked[0][2]].entry
        return next((conf for conf, _, i in ranked[1:] if not self.agree(best, i)), -math.inf)

    def _ceiling(
        self, i: int, ie: IndexedEntry, question: Question, most_said: dict[str, float]
    ) -> float:
        """The most entry i's (ie's) confidence can be (see _combine): its coverage as it is, and
        the F-score of a phrasing that used every question word the entry's phrasings use
        (recall), as short as the entry's shortest, saying all the question's terms that the
        entry's phrasings use at their heaviest (precision), the answer type taken to fit. An
        F-score grows with both, so no phrasing of the entry scores more; the second best
        scores no more than the best, and nothing in an entry of one phrasing."""
        coverage, reach = self._coverage_of(i, ie, question)
        f = 0.0
        if reach:
            asked = ie.asked
            said = sum([weight for term, weight in most_said.items() if term in asked])
            f = f_score(reach, min(1.0, said / self._shortest[i]), self.settings.beta_squared)
            if ie.phrasing_count == 1:
                f = self._support(f, 0.0)
        return _above(100 * self._blend(f, coverage))

    def _phrasing_ceiling(
        self, i: int, ie: IndexedEntry, question: Question, most_said: dict[str, float]
    ) -> float:
        """The most entry i's (ie's) confidence can be, bounded phrasing by phrasing (see
        signals.phrasing_bounds) where _ceiling takes all of its phrasings' terms together:
        tighter, for an entry of a few phrasings, at the cost of a pass over each."""
        best, second = signals.phrasing_bounds(ie, question, most_said, self.settings.beta_squared)
        coverage = self._coverage_of(i, ie, question)[0]
        return _above(100 * self._blend(self._support(best, second), coverage))

    def _retrieve(self, question: Question) -> list[int]:
        """The entries worth scoring (see faqbot.retrieval)."""
        return retrieve(question, self._postings, self._shortest, self.settings.max_candidates)

    def _confidence(self, i: int, ie: IndexedEntry, question: Question) -> float:
        """Entry i's (ie's) confidence for the question (0-100): the signals, combined."""
        fit = self._phrasing_fit(i, ie, question)
        return self._combine(ie, question, fit, self._coverage_of(i, ie, question)[0])[0]

    def _combine(
        self, ie: IndexedEntry, question: Question, fit: PhrasingFit, coverage: float
    ) -> tuple[float, float, bool, float]:
        """Confidence, phrasing score, whether the answer type fits, and its factor."""
        s = self.settings
        support = self._support(fit.best, fit.second)
        score = self._blend(support, coverage)
        type_ok = all(self._answers_type(ie, qt) for qt in question.types)
        type_factor = 1.0 if type_ok else s.type_penalty
        return 100 * score * type_factor, support, type_ok, type_factor

    def _support(self, best: float, second: float) -> float:
        """The phrasing score (0-1) of an entry whose two best phrasings' F-scores are these
        (see Settings.support_weight): the one formula its confidence and its bounds share."""
        s = self.settings.support_weight
        return (1 - s) * best + s * second

    def _blend(self, support: float, coverage: float) -> float:
        """The phrasing score and coverage, weighed as this KB weighs them (0-1)."""
        return self.phrasing_weight * support + (1 - self.phrasing_weight) * coverage

    def _score(self, i: int, question: Question) -> Candidate:
        """Entry i as a candidate, with every signal (its word matches worked out if shown)."""
        ie = self._indexed[i]
        fit = self._phrasing_fit(i, ie, question)
        coverage = self._coverage_of(i, ie, question)[0]
        confidence, support, type_ok, type_factor = self._combine(ie, question, fit, coverage)
        return Candidate(
            entry=ie.entry,
            confidence=confidence,
            recall=fit.recall,
            precision=fit.precision,
            coverage=coverage,
            type_ok=type_ok,
            explained=Explained(ie, question, fit, self._answer_credit(ie)),
            phrasing_score=support,
            phrasing_weight=self.phrasing_weight,
            type_factor=type_factor,
        )

    def _phrasing_fit(self, i: int, ie: IndexedEntry, question: Question) -> PhrasingFit:
        """Entry i's phrasing fit (see faqbot.signals), kept with the question: ranking
        works it out and showing reads it again."""
        if (known := question.fits.get(i)) is not None:
            return known
        fit = question.fits[i] = signals.phrasing_fit(ie, question, self.settings.beta_squared)
        return fit

    def _coverage_of(self, i: int, ie: IndexedEntry, question: Question) -> tuple[float, float]:
        """Entry i's (ie's) coverage and reach (see faqbot.signals), worked out once per
        question."""
        known = question.coverages.get(i)
        if known is None:
            credit = self._answer_credit(ie)
            known = question.coverages[i] = signals.coverage(ie, question, credit)
        return known

    def _answer_credit(self, ie: IndexedEntry) -> float:
        """What a question word found only in ie's answer or source counts (see
        signals.answer_credit), worked out once a run for each size of answer."""
        credit = self._credits.get(ie.told_size)
        if credit is None:
            s = self.settings
            credit = self._credits[ie.told_size] = signals.answer_credit(
                ie.told_size, s.answer_only_credit, s.short_answer_terms
            )
        return credit

    def _first_rival(self, best: Entry, others: Iterable[int]) -> int | None:
        """The first of `others` (entry indices, in rank order) that does not agree with
        the best entry; None if every one does."""
        return next((i for i in others if not self.agree(best, i)), None)

    def agree(self, best: Entry, i: int) -> bool:
        """Two entries resting on the same source sentence give compatible answers, and two
        entries asking the same question are answers to it (a forum thread with several
        accepted answers): a close runner-up of either kind is no reason to doubt the best."""
        other = self._indexed[i].entry
        if best.source is not None and best.source == other.source:
            return True
        return self._question_words(best) == self._question_words(other)

    def _question_words(self, entry: Entry) -> list[str]:
        known = self._entry_words.get(entry.id)
        if known is None:
            known = self._entry_words[entry.id] = words(entry.question)
        return known

    def _margin_ok(self, best: Candidate, runner_up: Candidate | None) -> bool:
        """Whether `best` leads the runner-up by enough to be told apart from it. The lead
        needed is `min_margin` at confidence 50, shrinking to nothing at 100; a tie never
        passes. Like the threshold it is scaled by the KB's `scale`: where right answers
        score about half as high (one phrasing per entry), their leads are about half as
        wide too, and an unscaled margin declines many questions it should answer."""
        if runner_up is None:
            return True
        required = self.settings.min_margin * self.scale * (100 - best.confidence) / 50
        return best.confidence - runner_up.confidence >= max(required, 1e-9)

    def _decide(
        self,
        best: Candidate | None,
        runner_up: Candidate | None,
        tokens: list[Token],
        unknown_topic: list[str],
    ) -> tuple[Candidate | None, str]:
        threshold = self.threshold
        if all(t.stop for t in tokens):
            return None, "the question has no informative words"
        if best is None:
            if not self.index.size:
                return None, "the knowledge base is empty"
            return None, "no entry explains any of the question's topic words"
        if threshold == 0:  # asked for outright: answer the best entry, whatever else
            return best, "the threshold is 0: the best entry is always the answer"
        if unknown_topic:
            named = ", ".join(repr(w) for w in unknown_topic)
            return None, f"the knowledge base never mentions {named}"
        if self.shows_how_users_ask and best.precision < self.settings.min_precision:
            return None, (
                f"the question says only {best.precision:.0%} of the nearest phrasing of "
                f"{best.entry.id} (at least {self.settings.min_precision:.0%} needed)"
            )
        if best.confidence < threshold:
            return None, (
                f"best confidence {confidence_text(best.confidence)} is under the threshold "
                f"{threshold:g}"
            )
        if not self._margin_ok(best, runner_up):
            assert runner_up is not None
            return None, (
                f"{best.entry.id} ({confidence_text(best.confidence)}) and {runner_up.entry.id} "
                f"({confidence_text(runner_up.confidence)}) are too close to tell apart"
            )
        return best, (
            f"confidence {confidence_text(best.confidence)} reaches the threshold {threshold:g}"
        )


def _another_form(word: str, surface: str, term: str) -> bool:
    """Whether a question word and a KB word (its surface and term) may be forms of one
    word that stemming leaves apart: one begins with the other ("closest" with "close")."""
    return word.startswith(term) or surface.startswith(word)


def _above(bound: float) -> float:
    """A bound on a confidence made safe from rounding: a confidence summed in another order
    may come out a hair above the bound worked out for it."""
    return bound * (1 + 1e-9) + 1e-9
