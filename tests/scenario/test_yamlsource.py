"""The safe YAML reader: plain data only, YAML 1.1 surprises off, a mark for every node."""

from __future__ import annotations

import math
import time

import pytest
import yaml

from oefening.errors import OefeningError
from oefening.scenario import yamlsource
from oefening.scenario.yamlsource import Mark, load_yaml, parse_yaml
from tests.paths import DATA


def one_problem(text: str) -> str:
    with pytest.raises(OefeningError) as caught:
        parse_yaml(text, "f.yaml")
    assert len(caught.value.problems) == 1
    return str(caught.value.problems[0])


def test_only_true_and_false_are_booleans():
    """yes/no/on/off/y/n stay text; true/True/TRUE and false/False/FALSE are booleans."""
    doc = parse_yaml("a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: true\nh: False\ni: TRUE\n", "f")
    assert doc.data == {
        "a": "yes", "b": "no", "c": "on", "d": "off", "e": "y", "f": "n",
        "g": True, "h": False, "i": True,
    }


def test_dates_and_odd_numbers_stay_text():
    """No timestamps, no sexagesimal, octal or hex numbers: they stay as written."""
    doc = parse_yaml(
        "start: 2025-03-03T08:00:00+01:00\nday: 2025-03-03\nt: 1:30\no: 0o17\nx: 0x1f\nu: 1_000\n",
        "f",
    )
    assert doc.data == {
        "start": "2025-03-03T08:00:00+01:00", "day": "2025-03-03", "t": "1:30",
        "o": "0o17", "x": "0x1f", "u": "1_000",
    }


def test_numbers_and_null_follow_the_core_schema():
    """Decimal ints, floats, .inf/.nan, and ~/null/nothing as None; quoted stays text."""
    doc = parse_yaml("a: 12\nb: -3\nc: 1.5\nd: 1e3\ne: .inf\nf: .nan\ng: ~\nh: null\ni:\nj: '12'\n", "f")
    data = doc.data
    assert (data["a"], data["b"], data["c"], data["d"]) == (12, -3, 1.5, 1000.0)
    assert data["e"] == math.inf and math.isnan(data["f"])
    assert data["g"] is data["h"] is data["i"] is None
    assert data["j"] == "12"


def test_keys_are_always_text():
    """A key such as 1 or true is the text '1' or 'true'."""
    assert parse_yaml("1: a\ntrue: b\n", "f").data == {"1": "a", "true": "b"}


def test_marks_are_one_based_for_keys_and_values():
    """A path maps to its value's line and column; with key=True to the key's."""
    doc = parse_yaml("x:\n  - id: a\n    name: b\n  - {id: c, n: [1, 2]}\n", "f")
    assert doc.locate(("x", 0, "name")) == Mark(3, 11)
    assert doc.locate(("x", 0, "name"), key=True) == Mark(3, 5)
    assert doc.locate(("x", 1, "n", 1)) == Mark(4, 20)


def test_a_missing_path_gives_the_nearest_node_above_it():
    """A key that is not there points at the mapping that should hold it."""
    doc = parse_yaml("x:\n  - id: a\n", "f")
    assert doc.locate(("x", 0, "name")) == Mark(2, 5)
    assert doc.locate(("x", 3)) == Mark(2, 3)
    assert doc.locate(("x", 0, "id", "deeper")) == Mark(2, 9)


def test_the_c_and_python_parsers_give_the_same_marks(monkeypatch):
    """libyaml is used when present only because its marks are the Python parser's."""
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8") + "extra: [é€😀, x]\n"
    fast = parse_yaml(text, "f")
    monkeypatch.setattr(yamlsource, "_PARSER", yaml.BaseLoader)
    slow = parse_yaml(text, "f")
    assert fast.data == slow.data
    paths = [("organisations", 0, "processes", 0, "fallbacks", 0, "lead_time"), ("extra", 1),
             ("events", 1, "after", "delay", "mode"), ("actions", 0, "available", "supplier")]
    for path in paths:
        assert fast.locate(path) == slow.locate(path)
        assert fast.locate(path, key=True) == slow.locate(path, key=True)


def test_duplicate_keys_are_problems_at_the_second_key():
    """A key written twice is reported where it is repeated, naming the first line."""
    doc = parse_yaml("a: 1\nb: 2\na: 3\n", "f")
    assert doc.data == {"a": 1, "b": 2}
    assert [str(p) for p in doc.problems] == ["f:3:1: duplicate key 'a' (first at line 1)"]


def test_python_and_custom_tags_are_refused():
    """Only the standard tags are read; nothing is ever constructed from a tag."""
    doc = parse_yaml("a: !!python/object/apply:os.system [echo]\nb: !thing x\nc: !!str 12\n", "f")
    assert doc.data["c"] == "12"
    messages = [str(p) for p in doc.problems]
    assert messages[0].startswith("f:1:4: the tag !!python/object/apply:os.system is not allowed")
    assert messages[1].startswith("f:2:4: the tag !thing is not allowed")


def test_merge_keys_fill_in_without_overriding():
    """``<<: *anchor`` adds the keys the mapping does not set itself."""
    doc = parse_yaml("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n", "f")
    assert doc.data["m"] == {"x": 1, "y": 3}
    assert doc.locate(("m", "x")) == Mark(1, 14)


def test_billion_laughs_is_refused_quickly():
    """Aliases may repeat at most MAX_ALIAS_NODES values; refused well under a second."""
    start = time.perf_counter()
    with pytest.raises(OefeningError, match="too many nodes"):
        load_yaml(DATA / "bad" / "billion-laughs.yaml")
    assert time.perf_counter() - start < 2.0  # a hang guard: it takes under a millisecond


def test_recursive_and_unknown_aliases_are_refused():
    """Recursive and unknown aliases are refused."""
    assert "refers to a mapping or list containing it" in one_problem("a: &x [1, *x]\n")
    assert one_problem("a: *nope\n") == "f.yaml:1:4: unknown alias *nope: no anchor &nope before it"


def test_deep_nesting_is_refused():
    """Absurd nesting is one clear problem, never a RecursionError."""
    assert "nested more than 100 levels" in one_problem("a: " + "[" * 500 + "]" * 500 + "\n")
    assert "nest" in one_problem("a: " + "[" * 50_000 + "]" * 50_000 + "\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "f.yaml: the file is empty"),
        ("# only a comment\n", "f.yaml: the file is empty"),
        ("---\n", "f.yaml:2:1: the document is empty"),
        ("- a\n- b\n", "f.yaml:1:1: the top level must be a mapping"),
        ("just text\n", "f.yaml:1:1: the top level must be a mapping"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: a second YAML document"),
        ("a: 1\n\tb: 2\n", "f.yaml:2:1: not valid YAML: a tab character"),
        ("a: b: c\n", "f.yaml:1:5: not valid YAML: mapping values are not allowed"),
        ("a: \x01\n", "f.yaml:1:4: not valid YAML: the control character #x0001"),
    ],
)
def test_unreadable_documents_get_one_clear_line(text, expected):
    """Unreadable documents get one clear line."""
    assert one_problem(text).startswith(expected)


def test_files_that_cannot_be_read(tmp_path):
    """A missing file, a directory, UTF-16 and Latin-1 text each get one clear line."""
    cases = {
        tmp_path / "missing.yaml": "no such file",
        tmp_path: "is a directory",
    }
    (tmp_path / "utf16.yaml").write_bytes("a: 1\n".encode("utf-16"))
    cases[tmp_path / "utf16.yaml"] = "UTF-16"
    (tmp_path / "latin1.yaml").write_bytes(b"a: 1\nb: caf\xe9\n")
    cases[tmp_path / "latin1.yaml"] = "2:7: not UTF-8 text"
    for path, words in cases.items():
        with pytest.raises(OefeningError) as caught:
            load_yaml(path)
        assert words in str(caught.value)


def test_a_byte_order_mark_is_allowed(tmp_path):
    """A byte order mark is allowed."""
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load_yaml(path).data == {"a": 1}
