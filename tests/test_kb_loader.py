"""Loading validates the whole file and names each problem's line and column."""

from __future__ import annotations

import pytest
import yaml

from faqbot import kb_loader
from faqbot.kb_loader import default_kb_path, load_kb
from tests.conftest import PACKAGED_KB, REPO, kb_problems

BENCH_KBS = sorted((REPO.parent / "shared" / "bench").glob("**/kb.yaml"))


def test_packaged_kb_loads_with_article_quotes():
    kb = load_kb(default_kb_path())
    assert len(kb.faqs) == 4
    assert len(kb.facts) >= 20
    article = " ".join((REPO / "data" / "article.txt").read_text(encoding="utf-8").split())
    for entry in kb.entries:
        assert entry.source and entry.source in article


def test_packaged_faqs_are_the_articles_own_questions_and_answers():
    article = (REPO / "data" / "article.txt").read_text(encoding="utf-8")
    faq_part = " ".join(article.split("Frequently Asked Questions (FAQs)")[1].split())
    for faq in load_kb(PACKAGED_KB).faqs:
        assert faq.question in faq_part
        assert faq.answer in faq_part


def test_article_copy_is_verbatim():
    seed = REPO.parent / "shared" / "seed" / "000_311b22d4b6328f34.txt"
    if not seed.exists():
        pytest.skip("shared seed not beside this checkout")
    assert (REPO / "data" / "article.txt").read_bytes() == seed.read_bytes()


@pytest.mark.parametrize("bench", BENCH_KBS)
def test_bench_kbs_load(bench):
    assert load_kb(bench).entries


def test_small_kb_loads(small_kb):
    kb = load_kb(small_kb)
    assert [e.id for e in kb.entries] == ["cat", "birds", "dogs"]
    assert kb.by_id["dogs"].kind == "fact"
    assert kb.by_id["dogs"].question == "When do dogs bark?"
    assert kb.synonyms == (("cat", "kitty", "kitten"),)


def test_yaml_syntax_error_has_line_and_column(write_kb):
    path = write_kb("title: x\nfaqs:\n  - id: a\n    question: [unclosed\n")
    (message,) = kb_problems(path)
    assert message.startswith(f"{path}:")
    line = int(message.split(":")[1])
    assert line >= 4
    assert "YAML syntax" in message


def test_boolean_answer_is_an_error_not_false(write_kb):
    path = write_kb("""
        faqs:
          - id: a
            question: Is it?
            answer: No
    """, article=None)  # fmt: skip
    assert kb_problems(path) == [
        f'{path}:4:13: `answer` must be text, got a boolean (quote it: "No")'
    ]


def test_numeric_id_is_an_error(write_kb):
    path = write_kb("faqs:\n  - id: 12\n    question: Q?\n    answer: A.\n", article=None)
    assert kb_problems(path) == [f'{path}:2:9: `id` must be text, got a number (quote it: "12")']


def test_missing_required_fields_are_all_reported(write_kb):
    path = write_kb("faqs:\n  - id: a\n  - question: Q?\n", article=None)
    assert kb_problems(path) == [
        f"{path}:2:5: an FAQ is missing `question`",
        f"{path}:2:5: an FAQ is missing `answer`",
        f"{path}:3:5: an FAQ is missing `id`",
        f"{path}:3:5: an FAQ is missing `answer`",
    ]


def test_empty_text_field(write_kb):
    path = write_kb("faqs:\n  - id: a\n    question: '  '\n    answer: A.\n", article=None)
    assert kb_problems(path) == [f"{path}:3:15: `question` is empty"]


def test_duplicate_ids(write_kb):
    path = write_kb("""
        faqs:
          - {id: a, question: Q, answer: A.}
        facts:
          - {id: a, fact: F.}
    """, article=None)  # fmt: skip
    assert kb_problems(path) == [f"{path}:4:10: duplicate id `a` (first used at line 2)"]


def test_duplicate_key_in_one_mapping(write_kb):
    path = write_kb("faqs:\n  - id: a\n    question: Q?\n    answer: A.\n    answer: B.\n",
                    article=None)  # fmt: skip
    assert kb_problems(path) == [f"{path}:5:5: duplicate key `answer` (first at line 4)"]


def test_unknown_key_names_the_closest_known_one(write_kb):
    path = write_kb("faqs:\n  - id: a\n    question: Q?\n    answer: A.\n    alternate: [x]\n",
                    article=None)  # fmt: skip
    assert kb_problems(path) == [
        f"{path}:5:5: unknown key `alternate` in an FAQ; did you mean `alternates`?"
    ]


def test_source_must_be_in_the_article(write_kb):
    path = write_kb("""
        source: article.txt
        faqs:
          - id: a
            question: Q?
            answer: A.
            source: The dog sat on the mat.
    """)  # fmt: skip
    assert kb_problems(path) == [f"{path}:6:13: `source` is not found verbatim in the article"]


def test_source_with_different_case_is_named_as_such(write_kb):
    path = write_kb(
        "source: article.txt\nfacts:\n  - {id: a, fact: F., source: the cat sat on the mat.}\n"
    )
    (message,) = kb_problems(path)
    assert "differs from the article in case" in message


def test_source_is_whitespace_normalised(write_kb):
    path = write_kb(
        "source: article.txt\nfacts:\n  - id: a\n    fact: F.\n"
        '    source: "Dogs  bark\\n at night."\n'
    )
    assert load_kb(path).entries[0].source == "Dogs  bark\n at night."


def test_entry_needs_a_source_when_the_kb_names_an_article(write_kb):
    path = write_kb("source: article.txt\nfacts:\n  - {id: a, fact: F.}\n")
    (message,) = kb_problems(path)
    assert "missing `source`" in message


def test_missing_article_file(write_kb):
    path = write_kb("source: nowhere.txt\nfacts:\n  - {id: a, fact: F., source: x}\n")
    (message,) = kb_problems(path)
    assert message.startswith(f"{path}:1:9: source article ") and "not found" in message


def test_top_level_must_be_a_mapping(write_kb):
    path = write_kb("- just\n- a list\n", article=None)
    assert kb_problems(path) == [
        f"{path}:1:1: the top level must be a mapping (key: value), got a list"
    ]


def test_faqs_must_be_a_list(write_kb):
    path = write_kb("faqs: hello\n", article=None)
    assert f"{path}:1:7: `faqs` must be a list, got text" in kb_problems(path)


def test_no_entries(write_kb):
    path = write_kb("title: nothing here\n", article=None)
    assert kb_problems(path) == [
        f"{path}:1:1: the knowledge base has no entries: add `faqs` or `facts`"
    ]


def test_missing_file_and_directory(tmp_path):
    assert kb_problems(tmp_path / "nope.yaml") == [
        f"{tmp_path / 'nope.yaml'}: knowledge base file not found"
    ]
    assert kb_problems(tmp_path) == [f"{tmp_path}: is a directory, not a knowledge base file"]


def test_empty_file(write_kb):
    path = write_kb("\n\n", article=None)
    assert kb_problems(path) == [f"{path}: knowledge base file is empty"]


def test_alias_and_anchor_refused(write_kb):
    path = write_kb("a: &x [1]\nb: *x\n", article=None)
    assert kb_problems(path) == [f"{path}:1:4: anchors (&name) are not allowed"]


def test_python_tag_refused(write_kb):
    path = write_kb("title: !!python/object/apply:os.system ['echo hi']\n", article=None)
    (message,) = kb_problems(path)
    assert message.startswith(f"{path}:1:8: the YAML tag") and "python/object" in message


def test_not_utf8(tmp_path):
    path = tmp_path / "kb.yaml"
    path.write_bytes(b"title: caf\xe9\n")
    assert kb_problems(path) == [f"{path}:1:11: knowledge base is not valid UTF-8 (byte 0xe9)"]


def test_alias_refused_where_it_stands(write_kb):
    path = write_kb("title: t\nfaqs:\n  - *entry\n", article=None)
    assert kb_problems(path) == [f"{path}:3:5: aliases (*name) are not allowed"]


def test_loading_leaves_the_garbage_collector_as_it_found_it(small_kb, tmp_path):
    """Loading pauses the cyclic collector (faqbot.bulk); it must come back on, even when
    the KB is refused."""
    import gc

    from faqbot.errors import KnowledgeBaseError
    from faqbot.kb_loader import load_kb

    load_kb(small_kb)
    assert gc.isenabled()
    refused = tmp_path / "refused.yaml"
    refused.write_text("a: &x [1]\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError):
        load_kb(refused)
    assert gc.isenabled()
    gc.disable()
    try:
        load_kb(small_kb)
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        # An unclosed bracket or quote: where it opened, and where the parser gave up.
        ("  - id: a\n    question: [What is it?\n    answer: x\n", "4:15", "gave up at 5:11"),
        ('  - id: a\n    question: "What is it?\n    answer: x\n', "4:15", "gave up at 6:1"),
        # The common mistakes get a hint.
        ("  - id: a\n    question: What: is it?\n    answer: x\n", "4:19", "must be quoted"),
        ("  - id: a\n\tquestion: What is it?\n    answer: x\n", "4:1", "spaces"),
        ("  - id: a\n    question: What is it?\n   answer: x\n", "5:4", "indentation"),
    ],
)
def test_yaml_syntax_errors_point_at_the_mistake_with_a_hint(write_kb, text, where, says):
    path = write_kb("title: t\nfaqs:\n" + text, article=None)
    (message,) = kb_problems(path)
    assert message.startswith(f"{path}:{where}: YAML syntax: ") and says in message


def test_a_second_yaml_document_is_refused_where_it_starts(write_kb):
    path = write_kb("title: one\n---\ntitle: two\n", article=None)
    assert kb_problems(path) == [
        f"{path}:2:1: a second YAML document starts here; a KB is one document"
    ]


def test_explicit_plain_tags_count_as_their_type(write_kb):
    path = write_kb(
        'faqs:\n  - id: a\n    question: !!str 42\n    answer: !!int "7"\n', article=None
    )
    (message,) = kb_problems(path)
    assert message.startswith(f"{path}:4:13: `answer` must be text, got a number")


def _as_pyyaml_composes(node):  # type: ignore[no-untyped-def]
    """A node as (tag, value, line, column), children alike, from faqbot's or PyYAML's."""
    if isinstance(node, yaml.Node):
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
    else:
        line, column = node.line, node.column
    value = node.value
    if isinstance(value, list):
        value = [
            tuple(map(_as_pyyaml_composes, v)) if isinstance(v, tuple) else _as_pyyaml_composes(v)
            for v in value
        ]
    return node.tag, value, line, column


@pytest.mark.parametrize("kb", ["packaged", *BENCH_KBS])
def test_composed_as_pyyaml_composes(kb):
    # One pass over the events builds the nodes itself (see kb_loader._compose): it must
    # agree with PyYAML's composer on tags, values and positions, for every shared KB.
    path = PACKAGED_KB if kb == "packaged" else kb
    data = path.read_bytes()
    ours = kb_loader._compose(data, str(path))
    theirs = yaml.compose(data, Loader=yaml.SafeLoader)
    assert _as_pyyaml_composes(ours) == _as_pyyaml_composes(theirs)


def test_entries_are_checked_against_an_article_named_after_them(write_kb):
    # Entries are validated as they are read (see kb_loader._compose): an article named at
    # the end of the file still holds every entry to quoting it.
    path = write_kb("""
        faqs:
          - id: a
            question: Q?
            answer: A.
            source: The dog sat on the mat.
          - id: b
            question: Q2?
            answer: A2.
        source: article.txt
    """)  # fmt: skip
    assert kb_problems(path) == [
        f"{path}:5:13: `source` is not found verbatim in the article",
        f"{path}:6:5: an FAQ is missing `source` (this KB names an article, so every entry "
        "quotes it)",
    ]


def test_a_duplicate_id_names_the_earlier_line_whatever_the_lists_order(write_kb):
    path = write_kb(
        "facts:\n  - {id: a, fact: F.}\nfaqs:\n  - {id: a, question: Q?, answer: A.}\n",
        article=None,
    )
    assert kb_problems(path) == [f"{path}:4:10: duplicate id `a` (first used at line 2)"]


def test_a_list_given_twice_is_reported_and_only_the_first_read(write_kb):
    path = write_kb(
        "faqs:\n  - {id: a, question: Q?, answer: A.}\nfaqs:\n  - {id: b, question: 1}\n",
        article=None,
    )
    assert kb_problems(path) == [f"{path}:3:1: duplicate key `faqs` (first at line 1)"]


@pytest.mark.parametrize("text", ["? [x, y]\n: 1\n", "title: t\n? [x, {a: b}]\n: [1]\n"])
def test_a_list_as_a_top_level_key_is_reported(write_kb, text):
    path = write_kb(text, article=None)
    (message,) = kb_problems(path)
    assert "keys in the top level must be text" in message
