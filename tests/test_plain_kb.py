"""Knowledge bases as people first write them: one question per entry, no alternates, no
synonyms. faqbot must be right on them and decline what they do not cover, whatever their size.
The KBs and questions here are written for these tests."""

from __future__ import annotations

import pytest

from faqbot import general_english
from faqbot.kb_index import is_written
from faqbot.kb_loader import load_kb
from faqbot.matcher import Matcher
from faqbot.settings import Settings
from tests.conftest import NAMED_SHOP, PACKAGED_KB

SHOP_FAQS = [
    ("hours", "When is the shop open?", "Tuesday to Sunday, 10:00 to 18:00."),
    ("wifi", "Is there free Wi-Fi?", "Yes, the network is Shop-Guest, no password needed."),
    ("login", "How do I log in to my account?", "Use the address you signed up with."),
    ("email", "Can I change my email address?", "Yes, under Settings, then Profile."),
    ("dark", "Is there a dark mode?", "Yes, under Settings, then Appearance."),
    ("platforms", "Which systems does the app run on?", "Windows, macOS, Linux and Android."),
    ("returns", "Can I return an item?", "Within 30 days, with the receipt."),
]


def shop_kb(write_kb, n: int | None = None) -> Matcher:
    faqs = SHOP_FAQS[:n] if n else SHOP_FAQS
    text = "faqs:\n" + "".join(
        f"  - id: {i}\n    question: {q}\n    answer: {a}\n" for i, q, a in faqs
    )
    return Matcher(load_kb(write_kb(text, article=None)))


OFF_TOPIC = [
    "What is the capital of Peru?",
    "Which team won the rugby final last night?",
    "How do I bake sourdough bread?",
    "What are the side effects of aspirin?",
]


@pytest.mark.parametrize("size", [1, 2, 3])
@pytest.mark.parametrize("question", OFF_TOPIC)
def test_a_kb_of_one_to_three_entries_declines_other_topics(write_kb, size, question):
    matcher = shop_kb(write_kb, size)
    result = matcher.match(question)
    assert not result.answered, f"{question!r} answered by a {size}-entry KB: {result.reason}"


@pytest.mark.parametrize("size", [1, 2, 3])
def test_a_tiny_kb_still_answers_its_own_questions(write_kb, size):
    matcher = shop_kb(write_kb, size)
    for entry in matcher.index.kb_entries:
        result = matcher.match(entry.question)
        assert result.answer is not None and result.answer.entry.id == entry.id, result.reason


def test_a_rare_word_the_kb_never_uses_is_named_when_declining(write_kb):
    result = shop_kb(write_kb).match("Is there a telescope in the shop?")
    assert not result.answered
    assert "telescope" in result.reason


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("can I use the wifi here", "wifi"),  # KB: Wi-Fi
        ("what is the wi fi network", "wifi"),
        ("I have a login problem", "login"),  # KB: log in
        ("how do I change the e-mail", "email"),  # KB: email
    ],
)
def test_words_written_joined_hyphenated_or_apart_are_one_word(write_kb, question, expected):
    result = shop_kb(write_kb).match(question)
    assert result.answer is not None, result.reason
    assert result.answer.entry.id == expected


def test_a_word_written_apart_only_in_an_answer_is_one_word_too(write_kb):
    # Only the answer writes "Wi-Fi": the question's "wifi" is still that word, not a word the
    # KB never uses (which would decline the question).
    text = """
        faqs:
          - id: online
            question: Can I get online in the shop?
            answer: Yes, free Wi-Fi covers the whole shop; the network is Shop-Guest.
          - id: hours
            question: When is the shop open?
            answer: Tuesday to Sunday, 10:00 to 18:00.
    """
    result = Matcher(load_kb(write_kb(text, article=None))).match("is there wifi in the shop")
    assert result.answer is not None and result.answer.entry.id == "online", result.reason


def test_an_entry_sharing_only_function_words_is_no_answer(write_kb):
    # "Is there a ..." is the whole overlap with the dark-mode entry: not an answer.
    result = shop_kb(write_kb).match("Is there a car park?")
    assert not result.answered
    assert "dark" not in {c.entry.id for c in result.candidates}


def test_the_answer_is_evidence_for_a_word_the_questions_lack(write_kb):
    # Only the platforms answer names Linux; "Is there a" must not carry dark mode.
    result = shop_kb(write_kb).match("Is there a Linux build?")
    assert result.candidates[0].entry.id == "platforms"
    assert result.answer is None or result.answer.entry.id == "platforms", result.reason


def test_a_word_a_long_answer_names_in_passing_counts_less(write_kb):
    # Both answers name bikes, neither question does: the short answer is about where
    # bikes go, the long one names a bike class among a week of events. The word counts
    # less in the long answer (signals.answer_credit), and --explain shows what it counted.
    text = """
        faqs:
          - id: rack
            question: Where can I leave my things?
            answer: In the lockers, or bikes in the rack by the door.
          - id: events
            question: What is on this week?
            answer: A quiz on Monday, a film on Tuesday, a talk on local history on
              Wednesday, a bike repair class on Thursday, chess on Friday, and a craft fair
              with music, food and games for children on Saturday afternoon.
        """
    result = Matcher(load_kb(write_kb(text, article=None))).match("bike", top=2)
    rack, events = result.candidates
    assert (rack.entry.id, events.entry.id) == ("rack", "events")
    assert rack.confidence > events.confidence
    counted = {c.entry.id: [w.strength for w in c.words if w.kb_word] for c in (rack, events)}
    assert counted["rack"] == [pytest.approx(Settings().answer_only_credit)]
    assert 0 < counted["events"][0] < counted["rack"][0]


ALTERNATES = {
    "hours": ["What time do you open?", "Are you open on Saturdays?", "When do you close?"],
    "parking": ["Is there parking?", "Can I leave my car nearby?", "Where do cars go?"],
}


USERS_MESSAGES = {
    "hours": ["what time u open", "open on saturday??", "when do you close", "opening times pls"],
    "parking": ["is there parking", "can i leave my car nearby", "where do cars go", "car park"],
}


def _two_entry_kb(write_kb, hours: list[str], parking: list[str]) -> Matcher:
    kb = write_kb(
        f"""
        faqs:
          - id: hours
            question: When are you open?
            answer: Monday to Friday, 9 to 5.
            alternates: {hours}
          - id: parking
            question: Where can I park?
            answer: Behind the building.
            alternates: {parking}
        """,
        article=None,
    )
    return Matcher(load_kb(kb))


@pytest.mark.parametrize(("alternates", "shows_how_users_ask"), [(1, False), (2, False), (3, True)])
def test_alternates_an_author_writes_keep_the_rare_word_rule_however_many(
    write_kb, alternates, shows_how_users_ask
):
    # A question and an alternate or two show one way or a few to ask each question, not how
    # a KB's users talk; four phrasings an entry do show it. Either way the author chose the
    # KB's words (each phrasing a capitalised question): a rare word it never uses names a
    # topic it does not cover.
    hours, parking = ALTERNATES["hours"][:alternates], ALTERNATES["parking"][:alternates]
    matcher = _two_entry_kb(write_kb, hours, parking)
    assert matcher.shows_how_users_ask is shows_how_users_ask
    assert matcher.rare_words_decline
    result = matcher.match("When is the telescope open?")
    assert not result.answered
    assert "never mentions 'telescope'" in result.reason


def test_the_rare_word_rule_is_left_to_a_kb_of_users_own_messages(write_kb):
    # Messages as users type them (most not capitalised, nor ended as a question): there an
    # unknown word weighs its surprisal in the KB, and the decision is the threshold's, not a
    # veto's.
    matcher = _two_entry_kb(write_kb, USERS_MESSAGES["hours"], USERS_MESSAGES["parking"])
    assert matcher.shows_how_users_ask
    assert not matcher.rare_words_decline
    assert "never mentions" not in matcher.match("When is the telescope open?").reason


def test_the_packaged_kb_written_with_many_alternates_declines_a_rare_word_it_never_uses():
    matcher = Matcher(load_kb(PACKAGED_KB))
    assert matcher.shows_how_users_ask and matcher.rare_words_decline
    result = matcher.match("Is this Kim Jong Un's first visit to Russia, the telescope?")
    assert not result.answered
    assert "never mentions 'telescope'" in result.reason


@pytest.mark.parametrize(
    ("phrasing", "written"),
    [
        ("Is Kim here?", True),
        ("“Is this his first visit?”", True),  # quoted
        ("5G in the building?", True),  # its first letter, not its first character
        ("Where (exactly) is it?  ", True),
        ("is kim here", False),
        ("Return Order", False),
        ("open on saturday??", False),
        ("?", False),
    ],
)
def test_a_phrasing_is_written_as_an_author_writes_a_question(phrasing, written):
    assert is_written(phrasing) is written


def test_general_english_frequencies_order_words_by_how_common_they_are():
    z = general_english.zipf
    assert z("the") > z("library") > z("telescope") > general_english.ABSENT
    assert z("qzxvtrw") == general_english.ABSENT


def test_general_english_reads_wordfreqs_file_as_wordfreq_does():
    import wordfreq

    table = general_english._read_cbpack(general_english._data_file())
    for word in ["the", "library", "linux", "telescope", "aspirin"]:
        assert table[word] == pytest.approx(wordfreq.zipf_frequency(word, "en", "small"), abs=0.01)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("I can't log in to my account", "login"),
        ("I'm trying to return an item", "returns"),
        ("why doesn't the app run on Linux", "platforms"),
    ],
)
def test_a_contraction_is_no_rare_topic_word(write_kb, question, expected):
    # faqbot reads "can't" as "cant", which English on its own spells rarely: weighed as
    # written, it named a topic the KB lacks, and the question was declined.
    result = shop_kb(write_kb).match(question)
    assert result.answer is not None, result.reason
    assert result.answer.entry.id == expected


def test_general_english_frequencies_are_of_words_as_faqbot_folds_them():
    import wordfreq

    z = general_english.zipf
    # "can't" and "cant" are one word to faqbot: their frequencies add up.
    assert z("cant") >= wordfreq.zipf_frequency("can't", "en", "small")
    assert z("im") >= wordfreq.zipf_frequency("i'm", "en", "small")
    assert z("cant") > Settings().rare_word_zipf  # common: names no topic


@pytest.fixture
def english_cache(tmp_path, monkeypatch):
    """A cache directory of its own for the English list, read afresh (and after the test)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    general_english._frequencies.cache_clear()
    yield tmp_path / "cache" / "faqbot"
    general_english._frequencies.cache_clear()


WORDS_ASKED = ["the", "library", "telescope", "cant", "kim", "qzxvtrw"]


def test_the_english_list_is_kept_and_then_looked_up_word_by_word(english_cache, monkeypatch):
    read = [general_english.zipf(w) for w in WORDS_ASKED]  # read from wordfreq's file
    (kept,) = english_cache.glob("english-*.sqlite")
    general_english._frequencies.cache_clear()  # the next run

    def no_reading(path):
        raise AssertionError("wordfreq's file read again")

    monkeypatch.setattr(general_english, "_read_cbpack", no_reading)
    assert [general_english.zipf(w) for w in WORDS_ASKED] == read
    assert not isinstance(general_english._frequencies(True), dict)
    assert list(english_cache.glob("english-*.sqlite")) == [kept]


def test_the_kept_list_holds_every_word_as_read(english_cache):
    table = general_english._frequencies(True)  # read, and kept
    assert isinstance(table, dict)
    general_english._frequencies.cache_clear()
    stored = general_english._frequencies(True)
    assert not isinstance(stored, dict)
    assert all(stored.get(word) == z for word, z in table.items())


def test_a_damaged_kept_list_is_read_again_from_wordfreq(english_cache):
    general_english.zipf("the")
    (kept,) = english_cache.glob("english-*.sqlite")
    kept.write_bytes(kept.read_bytes()[:4096])  # cut short
    general_english._frequencies.cache_clear()
    assert general_english.zipf("library") == general_english._table()["library"]
    assert isinstance(general_english._frequencies(True), dict)  # read whole, and kept again
    general_english._frequencies.cache_clear()
    assert not isinstance(general_english._frequencies(True), dict)


def test_a_list_kept_for_another_wordfreq_file_is_removed(english_cache):
    english_cache.mkdir(parents=True)
    (english_cache / "english-0000000000000000.sqlite").write_bytes(b"an earlier list")
    general_english.zipf("the")
    assert len(list(english_cache.glob("english-*.sqlite"))) == 1
    assert not (english_cache / "english-0000000000000000.sqlite").exists()


def test_a_cache_directory_that_cannot_be_written_is_no_error(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    general_english._frequencies.cache_clear()
    try:
        assert general_english.zipf("library") == general_english._table()["library"]
    finally:
        general_english._frequencies.cache_clear()


def test_entries_asking_the_same_question_do_not_block_each_other(write_kb):
    # A forum thread with two accepted answers: the same question, two entries. The tie
    # between them is no reason to decline.
    kb = write_kb(
        """
        faqs:
          - id: reset-1
            question: How do I reset the router?
            answer: Hold the reset button for ten seconds.
          - id: reset-2
            question: How do I reset the router?
            answer: Unplug it for a minute, then plug it back in.
          - id: speed
            question: Why is my connection slow?
            answer: Move closer to the router or restart it.
        """,
        article=None,
    )
    result = Matcher(load_kb(kb)).match("how can I reset my router")
    assert result.answer is not None and result.answer.entry.id.startswith("reset"), result.reason


def test_in_a_kb_of_many_phrasings_a_question_must_resemble_one(write_kb):
    # "storm" is only the context of one delivery phrasing: a question about storms touches
    # that phrasing without being one of the entry's questions.
    kb = write_kb(
        """
        faqs:
          - id: delivery
            question: When will my order arrive?
            answer: Within five working days.
            alternates:
              - Is my delivery delayed because of the storm warning?
              - how many days until my parcel comes
              - where is my parcel
          - id: returns
            question: Can I return an item?
            answer: Within 30 days, with the receipt.
            alternates:
              - how do I send something back
              - I want a refund for my order
              - return policy
        """,
        article=None,
    )
    matcher = Matcher(load_kb(kb))
    assert matcher.shows_how_users_ask
    declined = matcher.match("what is a storm warning")
    assert not declined.answered and "nearest phrasing" in declined.reason
    answered = matcher.match("is delivery delayed by the storm")
    assert answered.answer is not None and answered.answer.entry.id == "delivery"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What are your hours?", "opening-hours"),
        ("Can I get a refund?", "refunds"),
        ("Do you have gift cards?", "gift-cards"),
    ],
)
def test_an_entrys_id_names_it_in_the_words_users_ask_with(write_kb, question, expected):
    kb = load_kb(write_kb(NAMED_SHOP, article=None))
    result = Matcher(kb).match(question)
    assert result.answer is not None and result.answer.entry.id == expected, result.reason
    # the entry's question alone does not say it
    unnamed = Matcher(kb, Settings(read_ids=False)).match(question)
    assert unnamed.answer is None or unnamed.answer.entry.id != expected
    # and --explain says which words did
    assert result.answer.explained.phrasing.endswith("(the words of its id)")


def test_an_id_is_not_counted_as_a_way_users_ask(write_kb):
    kb = load_kb(write_kb(NAMED_SHOP, article=None))
    named, unnamed = Matcher(kb), Matcher(kb, Settings(read_ids=False))
    assert len(named.index.entries[0].phrasings) == 2  # its question, and its id's words
    assert named.phrasings_per_entry == unnamed.phrasings_per_entry == 1.0
    assert named.threshold == unnamed.threshold
    assert not named.match("What is the capital of Peru?").answered


@pytest.mark.parametrize(
    ("entry_id", "words"),
    [
        ("late-fees", "late fees"),
        ("ORDER_STATUS", "order status"),
        ("10th-assuming-2011", "assuming"),
        ("cf001", None),
        ("q5", None),
    ],
)
def test_the_words_of_an_id_are_its_words_of_two_letters_or_more(entry_id, words):
    from faqbot.kb_index import id_phrasing

    assert id_phrasing(entry_id) == words


def test_a_kb_of_users_own_messages_reads_no_ids(write_kb):
    # four messages an entry show how users ask; ids there name categories
    faqs = "".join(
        f"  - id: {name}\n    question: {name} question?\n    answer: An answer.\n"
        "    alternates: [first message, second message, third message]\n"
        for name in ("refund-status", "order-tracking")
    )
    matcher = Matcher(load_kb(write_kb("faqs:\n" + faqs, article=None)))
    assert matcher.shows_how_users_ask
    assert [len(ie.phrasings) for ie in matcher.index.entries] == [4, 4]
