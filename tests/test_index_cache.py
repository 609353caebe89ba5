"""The KB index: built once, kept in the cache, read back lazily, rebuilt when it cannot be
trusted, and never a reason for a run to fail."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from faqbot import index_cache, index_store
from faqbot.kb_index import FEW_PHRASINGS
from faqbot.kb_loader import load_kb
from faqbot.matcher import Matcher
from faqbot.settings import Settings
from tests.conftest import NAMED_SHOP, PACKAGED_KB, SMALL_KB

SHAPING = Settings().index_settings()
QUESTIONS = [
    "Did Kim visit Russia in the past?",
    "How far is Vladivostok from the border?",
    "wifi password",
    "What is the capital of Peru?",
    "what did kim and trump talk about",
    "Is this Kim Jong Un's frist visit to Russia?",  # a typo: the fuzzy path reads the store
]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(root))
    return root / "faqbot"


def index_of(path: Path, **kwargs):  # -> KBIndex
    warnings: list[str] = []
    index = index_cache.load_index(path, SHAPING, load_kb, warnings.append, **kwargs)
    return index, warnings


def stored_file(kb_path: Path) -> Path:
    return index_cache.index_path(kb_path, SHAPING)


def outcome(matcher: Matcher, question: str):  # -> comparable summary of a Result
    result = matcher.match(question, top=5)
    return (
        result.answer.entry.id if result.answer else None,
        result.reason,
        [(c.entry.id, c.confidence, c.words) for c in result.candidates],
        [c.entry.id for c in result.suggestions],
    )


def test_a_stored_index_matches_exactly_as_a_built_one(cache):
    built = Matcher(load_kb(PACKAGED_KB))
    index_of(PACKAGED_KB)  # builds and stores
    stored, warnings = index_of(PACKAGED_KB)
    assert warnings == [] and isinstance(stored.entries, index_store._Entries)
    from_store = Matcher(stored)
    for entry in built.index.kb_entries:
        for question in entry.phrasings:
            assert outcome(from_store, question) == outcome(built, question), question
    for question in QUESTIONS:
        assert outcome(from_store, question) == outcome(built, question), question


def test_a_stored_index_of_a_plain_kb_matches_as_a_built_one_ids_and_all(cache, write_kb):
    # one question an entry: the words of each id are weighed as one more phrasing
    path = write_kb(NAMED_SHOP, article=None)
    built = Matcher(load_kb(path))
    index_of(path)  # builds and stores
    stored, warnings = index_of(path)
    assert warnings == [] and isinstance(stored.entries, index_store._Entries)
    from_store = Matcher(stored)
    assert [len(ie.phrasings) for ie in stored.entries] == [2, 2, 2, 2, 1]
    for question in ["What are your hours?", "Can I get a refund?", "Can I pay by card?"]:
        assert outcome(from_store, question) == outcome(built, question), question
        first = from_store.match(question).candidates[0].explained.phrasing
        assert first == built.match(question).candidates[0].explained.phrasing


def test_a_stored_entry_reads_back_as_built_even_a_phrasing_without_words(cache, write_kb):
    # An entry is stored as lines of terms and a text record (see index_store): a phrasing
    # with no term at all, or one term many times, must not shift the others' weights.
    path = write_kb(
        """
        faqs:
          - id: odd
            question: "?!"
            answer: Nothing to see.
            alternates: ["Where where where is the museum?", "...", "museum hours"]
          - id: plain
            question: When does the museum open?
            answer: At nine.
        """,
        article=None,
    )
    built = Matcher(load_kb(path)).index
    index_of(path)
    stored, _ = index_of(path)
    for i, ie in enumerate(built.entries):
        kept = stored.entries[i]
        assert (kept.asked, kept.told) == (ie.asked, ie.told)
        # read from the stored terms and weights, before the phrasings are made
        assert kept.phrasing_masks() == ie.phrasing_masks()
        assert kept._stored._lines  # (they were not made)
        assert kept.entry == ie.entry._replace(line=0)
        assert [(p.text, p.terms) for p in kept.phrasings] == [
            (p.text, p.terms) for p in ie.phrasings
        ]


def test_a_stored_entry_lets_go_of_each_record_once_decoded(cache):
    # A kept entry that was scored holds its text once, decoded, not also as read.
    index_of(PACKAGED_KB)
    stored, _ = index_of(PACKAGED_KB)
    built = Matcher(load_kb(PACKAGED_KB)).index.entries
    i = next(i for i, ie in enumerate(built) if len(ie.phrasings) > FEW_PHRASINGS)
    kept = stored.entries[i]
    parts = kept._stored
    assert kept.entry.id == built[i].entry.id and parts._data == ""
    assert [p.terms for p in kept.phrasings] == [p.terms for p in built[i].phrasings]
    assert parts._lines == [] and parts._weights == b""
    assert kept.phrasing_totals() == built[i].phrasing_totals() and parts._by_term is None
    assert kept.entry.id == built[i].entry.id  # read again: what was kept


def test_a_large_kbs_entry_finds_its_answer_terms_in_the_string_read(cache, write_kb, monkeypatch):
    # Where entries come and go, an entry's answer terms stay the line read, not a set: a
    # term is found in it, spaced, exactly when it is one of them, first, last or between,
    # and not when it is only part of one ("art" in "party").
    monkeypatch.setattr(index_store, "TOLD_SETS_UP_TO", 0)
    path = write_kb(
        """
        faqs:
          - id: party
            question: Is there a party?
            answer: Apart from the party, art classes run weekly.
        """,
        article=None,
    )
    built = Matcher(load_kb(path)).index.entries[0]
    index_of(path)
    kept = index_of(path)[0].entries[0]
    assert isinstance(kept.told, str) and not isinstance(built.told, str)
    terms = {t.strip() for t in built.told}
    assert len(terms) >= 5
    for term in terms | {t[1:] for t in terms} | {t[:-1] for t in terms}:
        assert (f" {term} " in kept.told) == (f" {term} " in built.told), term
    # and it counts them alike (what a word found only there counts: signals.answer_credit)
    assert kept.told_size == built.told_size == len(terms)


def test_an_entry_of_many_phrasings_is_scored_from_its_stored_term_lists(cache, write_kb):
    # Users' own messages, many to an entry: the store keeps each term's phrasings and
    # weights ready (a term weighs alike in most of them: stored once), and scoring reads
    # those without making the entry's phrasings.
    path = write_kb(
        """
        faqs:
          - id: train
            question: How long is the armoured train?
            answer: It has 21 carriages.
            alternates: [Is the train long?, train length, a long train, how long is it,
                         the armoured train, carriages of the train]
          - id: trip
            question: How long does the trip take?
            answer: About 20 hours.
        """,
        article=None,
    )
    built = Matcher(load_kb(path)).index
    index_of(path)
    stored, _ = index_of(path)
    ie, kept = built.entries[0], stored.entries[0]
    # "long" is a function word in "how long" (a question-type cue), a topic word elsewhere.
    assert len({p.terms["long"] for p in ie.phrasings if "long" in p.terms}) == 2
    assert kept.phrasing_totals() == ie.phrasing_totals()
    assert kept.asked == {t for p in ie.phrasings for t in p.terms}
    for term in kept.asked:
        assert [tuple(u) for u in kept.phrasings_using()[term]] == ie.phrasings_using()[term]
    with pytest.raises(KeyError):  # looked up only for a term the phrasings use
        kept.phrasings_using()["museum"]
    answer = Matcher(stored).match("how long is the armoured train").answer
    assert answer is not None and answer.phrasing == "How long is the armoured train?"
    with pytest.raises(AttributeError):  # never made: the slot is still empty
        object.__getattribute__(stored.entries[0], "phrasings")


def test_the_index_is_a_sqlite_file_in_the_cache_directory(cache):
    index_of(PACKAGED_KB)
    path = stored_file(PACKAGED_KB)
    assert path.parent == cache
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"  # data, never pickle


def test_editing_the_kb_makes_a_new_index_and_removes_the_old(cache, write_kb, tmp_path):
    kb = write_kb(SMALL_KB)
    index_of(PACKAGED_KB)  # another KB's index: left as it is
    first, _ = index_of(kb)
    old = stored_file(kb)
    old_vectors = index_cache.meaning_path(old)
    old_vectors.write_bytes(b"vectors")
    being_written = old.with_name(old.name + ".x1y2.tmp")  # another process, still writing
    being_written.write_bytes(b"half")
    kb.write_text(kb.read_text().replace("On the mat.", "On the sofa."), encoding="utf-8")
    second, _ = index_of(kb)
    assert stored_file(kb) != old and stored_file(kb).exists()
    assert "sofa" in Matcher(second).match("Where did the cat sit?").answer.entry.answer
    assert not old.exists() and not old_vectors.exists()
    assert being_written.exists() and stored_file(PACKAGED_KB).exists()
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [stored_file(kb).name, stored_file(PACKAGED_KB).name, being_written.name]
    )


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_a_damaged_index_is_rebuilt_with_one_warning(cache, damage):
    index_of(PACKAGED_KB)
    path = stored_file(PACKAGED_KB)
    data = path.read_bytes()
    path.write_bytes(
        {"truncate": data[: len(data) // 3], "garbage": b"x" * 5000, "empty": b""}[damage]
    )
    index, warnings = index_of(PACKAGED_KB)
    assert len(warnings) == 1 and "rebuilding" in warnings[0] and "\n" not in warnings[0]
    assert Matcher(index).match(QUESTIONS[0]).answered
    again, warnings = index_of(PACKAGED_KB)  # the rebuilt file is whole again
    assert warnings == [] and again.size == index.size


@pytest.mark.parametrize("table", ["entries", "weights"])
def test_an_index_missing_its_last_rows_is_rebuilt(cache, table):
    # A build cut short between its two passes (entries written, weights not all) is found.
    import sqlite3

    index_of(PACKAGED_KB)
    path = stored_file(PACKAGED_KB)
    with sqlite3.connect(path) as db:
        db.execute(f"DELETE FROM {table} WHERE i = (SELECT max(i) FROM {table})")  # noqa: S608
    index, warnings = index_of(PACKAGED_KB)
    assert len(warnings) == 1 and f"{table} up to" in warnings[0]
    assert Matcher(index).match(QUESTIONS[0]).answered


def test_an_unwritable_cache_still_answers(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    index, warnings = index_of(PACKAGED_KB)
    assert warnings == [] and Matcher(index).match(QUESTIONS[0]).answered


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_read_only_cache_still_answers(cache):
    cache.mkdir(parents=True)
    cache.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        index, warnings = index_of(PACKAGED_KB)
        assert warnings == [] and Matcher(index).match(QUESTIONS[0]).answered
    finally:
        cache.chmod(stat.S_IRWXU)


def test_no_cache_neither_reads_nor_writes(cache):
    index, _ = index_of(PACKAGED_KB, use_cache=False)
    assert Matcher(index).match(QUESTIONS[0]).answered
    assert not cache.exists()


def test_no_cache_keeps_no_english_word_list_either(cache, write_kb):
    # A question with a word the KB does not know looks it up in English's word list, which
    # a run keeps in the cache directory: not a run told to leave the cache be.
    from faqbot import answering, general_english

    general_english._frequencies.cache_clear()
    try:
        kb = write_kb(SMALL_KB)
        matcher = answering.matcher_for(kb, Settings(meaning=False), use_cache=False)
        result = matcher.match("Where did the telescope sit?")
        assert "never mentions 'telescope'" in result.reason  # looked up in the list
        assert not cache.exists()
        # and a run in the same process that may use the cache keeps it there
        matcher = answering.matcher_for(kb, Settings(meaning=False), use_cache=True)
        assert "never mentions 'telescope'" in matcher.match("Where did the telescope sit?").reason
        assert list(cache.glob("english-*.sqlite"))
    finally:
        general_english._frequencies.cache_clear()


def test_a_changed_article_is_validated_again(cache, write_kb):
    kb = write_kb(SMALL_KB)
    index_of(kb)
    (kb.parent / "article.txt").write_text("Nothing about cats here.", encoding="utf-8")
    from faqbot.errors import KnowledgeBaseError

    with pytest.raises(KnowledgeBaseError):
        index_of(kb)


def test_two_processes_building_one_index_at_once_leave_a_whole_index(cache, tmp_path):
    kb = tmp_path / "big.yaml"
    kb.write_text(
        "faqs:\n"
        + "".join(
            f"  - id: e{i}\n    question: How do I use feature {i} of the tool?\n"
            f"    answer: Open menu {i} and pick option {i * 7}.\n"
            for i in range(3000)
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache.parent)}
    # words only: 3,000 phrasings encoded by meaning would time the encoder, not the race
    cmd = [sys.executable, "-m", "faqbot", "index", "--words-only", "--kb", str(kb)]
    procs = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    assert [f.suffix for f in cache.iterdir()] == [".sqlite"]  # no temporary file left
    index, warnings = index_of(kb)
    assert warnings == [] and index.size == 3000
    assert Matcher(index).match("how do I use feature 1234").answer.entry.id == "e1234"


def test_a_cached_run_parses_no_yaml(cache):
    probe = (
        "import sys\n"
        "from faqbot.cli import app\n"
        "for _ in range(2):\n"
        "    try:\n"
        "        app(['ask', '--json', 'Did Kim visit Russia in the past?'], prog_name='faqbot')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "    if _ == 0:\n"
        "        for m in [m for m in sys.modules if m == 'yaml' or m.startswith('yaml.')]:\n"
        "            del sys.modules[m]\n"
        "print('yaml' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache.parent)}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert result.stderr.strip().splitlines()[-1] == "False"


def test_list_reads_a_stored_index_and_never_builds_one(cache, small_kb, monkeypatch):
    from faqbot import answering, kb_loader

    kb = small_kb
    expected = load_kb(kb)
    assert answering.kb_entries(kb) == (expected.title, expected.entries)
    assert not cache.exists()  # listing a KB whose index is not stored builds none
    index_of(kb)

    def no_yaml(path):
        raise AssertionError("the KB was parsed although its index is stored")

    monkeypatch.setattr(kb_loader, "load_kb", no_yaml)
    title, entries = answering.kb_entries(kb)
    assert title == expected.title
    assert [(e.id, e.kind, e.question, e.answer, e.source, e.phrasings) for e in entries] == [
        (e.id, e.kind, e.question, e.answer, e.source, e.phrasings) for e in expected.entries
    ]


@pytest.mark.parametrize("damage", ["truncate", "garbage"])
def test_list_reads_the_kb_itself_past_a_damaged_index(cache, small_kb, damage, capsys):
    from faqbot import answering

    index_of(small_kb)
    path = stored_file(small_kb)
    data = path.read_bytes()
    damaged = {"truncate": data[: len(data) // 3], "garbage": b"x" * 5000}[damage]
    path.write_bytes(damaged)
    expected = load_kb(small_kb)
    assert answering.kb_entries(small_kb) == (expected.title, expected.entries)
    # Silent, and the file left as it is: the next `ask` rebuilds it and says so.
    assert capsys.readouterr().err == ""
    assert path.read_bytes() == damaged


def damage_inside(path: Path, how: str) -> None:
    """Damage that opening the file does not see: rows that do not decode, or pages SQLite
    cannot read, past the first."""
    if how == "rows":
        db = sqlite3.connect(path)
        db.execute("UPDATE entries SET data = '[oops'")
        db.execute("UPDATE weights SET by_term = '{oops' WHERE by_term IS NOT NULL")
        db.commit()
        db.close()
    else:
        data = bytearray(path.read_bytes())
        data[len(data) // 3 : len(data) // 3 + 8192] = b"U" * 8192
        path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["rows", "pages"])
def test_ask_past_damage_found_while_reading_rebuilds_and_answers(cache, runner, how):
    from faqbot.cli import app

    args = ["ask", "--words-only", "--json", "--kb", str(PACKAGED_KB), QUESTIONS[0]]
    expected = runner.invoke(app, args)
    path = stored_file(PACKAGED_KB)
    damage_inside(path, how)
    assert index_store.read(path)  # opens as a whole file: the damage is inside
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    (warning,) = result.stderr.splitlines()
    assert warning.startswith(f"faqbot: warning: the cached index {path} is damaged (")
    again = runner.invoke(app, args)  # the index was built again, whole
    assert (again.stdout, again.stderr) == (expected.stdout, "")


def test_damage_found_while_reading_is_one_line_and_the_file_removed(cache, runner, tmp_path):
    # Commands other than `ask` say so and stop; the next run builds the index again.
    from faqbot.cli import app

    questions = tmp_path / "questions.jsonl"
    questions.write_text('{"q": "Did Kim visit Russia in the past?", "any": ["2019"]}\n')
    args = ["test", "--words-only", "--kb", str(PACKAGED_KB), str(questions)]
    runner.invoke(app, args)
    path = stored_file(PACKAGED_KB)
    damage_inside(path, "rows")
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    (error,) = result.stderr.splitlines()
    assert error.startswith(f"faqbot: the cached index {path} is damaged (")
    assert error.endswith("it was removed: run the command again")
    assert not path.exists()
    assert runner.invoke(app, args).exit_code in (0, 1)


def test_list_reads_the_kb_itself_past_damage_found_while_reading(cache, small_kb, capsys):
    from faqbot import answering

    index_of(small_kb)
    damage_inside(stored_file(small_kb), "rows")
    expected = load_kb(small_kb)
    assert answering.kb_entries(small_kb) == (expected.title, expected.entries)
    assert capsys.readouterr().err == ""


def test_prefetch_reads_a_questions_candidates_in_one_query(cache):
    index_of(PACKAGED_KB)
    stored, _ = index_of(PACKAGED_KB)
    entries = stored.entries
    queries: list[str] = []
    entries._db.set_trace_callback(queries.append)
    stored.prefetch([0, 3, 5])
    assert len(queries) == 1
    queries.clear()
    assert [entries[i].entry.id for i in (0, 3, 5)] == [
        e.id for e in (load_kb(PACKAGED_KB).entries[i] for i in (0, 3, 5))
    ]
    assert queries == []  # read from what the prefetch kept


def test_a_long_batch_keeps_a_bounded_number_of_rows(cache, monkeypatch):
    # As a large KB's index is read: entries come and go, each keeping its answer's terms as
    # the string read rather than a set.
    monkeypatch.setattr(index_store, "KEPT_ROWS", 4)
    monkeypatch.setattr(index_store, "KEPT_ENTRIES", 4)
    monkeypatch.setattr(index_store, "TOLD_SETS_UP_TO", 4)
    index_of(PACKAGED_KB)
    stored, _ = index_of(PACKAGED_KB)
    built = Matcher(load_kb(PACKAGED_KB))
    matcher = Matcher(stored)
    for question in QUESTIONS * 2:
        assert outcome(matcher, question) == outcome(built, question)
    assert len(stored.entries._seen) <= 4
    assert all(isinstance(ie.told, str) for ie in stored.entries._seen.values())


def test_a_table_asked_for_many_keys_is_read_whole(cache, monkeypatch):
    # A batch of questions asks the word tables for a few keys each: past a point each table
    # is read in one query, and answers stay what the built index gives. The point is one
    # query for every ROWS_PER_QUERY rows, READ_WHOLE_AFTER at most.
    monkeypatch.setattr(index_store, "ROWS_PER_QUERY", 1)
    monkeypatch.setattr(index_store, "READ_WHOLE_AFTER", 8)
    index_of(PACKAGED_KB)
    built = Matcher(load_kb(PACKAGED_KB))
    stored, _ = index_of(PACKAGED_KB)
    matcher = Matcher(stored)
    outcome(matcher, QUESTIONS[0])
    assert stored.idf._whole is None and 0 < stored.idf._queried <= 8
    for question in QUESTIONS:
        assert outcome(matcher, question) == outcome(built, question)
    for table in (stored.idf, stored.surfaces, stored.joined_pairs):
        # each asked for more than 8 keys (all but the pairs) is read whole after the 8th
        assert (table._whole is not None and table._queried == 8) or table._queried < 8
    assert stored.idf._whole is not None
    # the postings too: their rows are long, but the packaged KB's are few bytes in all
    assert stored.postings._whole is not None and stored.postings._queried == 8


def test_long_rows_are_read_whole_by_their_bytes_and_never_past_a_bound(cache, monkeypatch):
    # Postings: one query for every BYTES_PER_QUERY of their bytes as well as one for every
    # ROWS_PER_QUERY rows, READ_WHOLE_AFTER at most; never more than WHOLE_TABLE_BYTES.
    index_of(PACKAGED_KB)
    built = Matcher(load_kb(PACKAGED_KB))
    db = sqlite3.connect(stored_file(PACKAGED_KB))
    (size,) = db.execute("SELECT sum(length(postings)) FROM terms").fetchone()
    db.close()
    monkeypatch.setattr(index_store, "ROWS_PER_QUERY", 10**9)  # the rows alone: at once
    monkeypatch.setattr(index_store, "READ_WHOLE_AFTER", 10**6)
    monkeypatch.setattr(index_store, "BYTES_PER_QUERY", size // 5)
    by_bytes, _ = index_of(PACKAGED_KB)
    matcher = Matcher(by_bytes)
    for question in QUESTIONS:
        assert outcome(matcher, question) == outcome(built, question)
    assert by_bytes.postings._whole is not None and by_bytes.postings._queried == 5
    assert by_bytes.idf._whole is not None and by_bytes.idf._queried == 0  # short rows
    monkeypatch.setattr(index_store, "WHOLE_TABLE_BYTES", size - 1)  # too many bytes
    too_long, _ = index_of(PACKAGED_KB)
    matcher = Matcher(too_long)
    for question in QUESTIONS:
        assert outcome(matcher, question) == outcome(built, question)
    assert too_long.postings._whole is None and too_long.postings._queried > 5


def test_a_small_table_is_read_whole_at_once_and_a_large_one_never(cache, monkeypatch):
    index_of(PACKAGED_KB)
    built = Matcher(load_kb(PACKAGED_KB))
    monkeypatch.setattr(index_store, "ROWS_PER_QUERY", 10**9)  # every table is small
    small, _ = index_of(PACKAGED_KB)
    outcome(Matcher(small), QUESTIONS[0])
    assert small.idf._whole is not None and small.idf._queried == 0
    monkeypatch.setattr(index_store, "ROWS_PER_QUERY", 1)
    monkeypatch.setattr(index_store, "READ_WHOLE_AFTER", 8)
    monkeypatch.setattr(index_store, "WHOLE_TABLE_ROWS", 3)  # every table is too large
    large, _ = index_of(PACKAGED_KB)
    matcher = Matcher(large)
    for question in QUESTIONS:
        assert outcome(matcher, question) == outcome(built, question)
    assert large.idf._whole is None and large.idf._queried > 8


def test_a_build_reports_two_steps_an_entry_in_order(tmp_path):
    # Counting, then weighing and writing: a bar that stood full while the second ran would
    # look stuck for seconds on a large KB.
    from faqbot.kb_index import build_index
    from faqbot.model import Entry, KnowledgeBase

    kb = KnowledgeBase(
        "many",
        "many.yaml",
        tuple(
            Entry(f"e{n}", "faq", f"What about item {n}?", f"Item {n} is fine.", None, (f"q {n}",))
            for n in range(2500)
        ),
    )
    in_memory: list[tuple[int, int]] = []
    build_index(kb, SHAPING, lambda done, total: in_memory.append((done, total)))
    stored: list[tuple[int, int]] = []
    index_store.build(kb, SHAPING, tmp_path / "i.sqlite", {}, lambda d, t: stored.append((d, t)))
    expected = [(k, 5000) for k in range(1000, 5001, 1000)]
    assert in_memory == expected and stored == expected


def test_an_index_is_keyed_by_the_language_data_its_words_are_read_by(cache, tmp_path, monkeypatch):
    # Stopwords, stems and question cues shape the stored weights: a faqbot whose
    # english.json differs must not read an index built with the other one.
    from faqbot import analysis

    before = stored_file(PACKAGED_KB)
    edited = tmp_path / "english.json"
    data = json.loads(analysis.LANGUAGE_FILE.read_text("utf-8"))
    data["stopwords"].append("kim")
    edited.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(analysis, "LANGUAGE_FILE", edited)
    assert stored_file(PACKAGED_KB) != before
