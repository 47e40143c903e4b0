"""Property: any mutation of a valid case file yields a valid case or problems, never an exception.

Mutations are drawn by hypothesis from the seed cases and the minimal
fixture: text edits (delete a line, insert random Unicode, truncate, duplicate
a line, swap indentation) and structural edits (delete a key, replace a
value with one of another type). Every result is checked the way the site
uses it: a valid case must also render.
"""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED_CASES
from kb.model import vocab
from kb.site.render.case_page import render_case_page
from kb.check.rules import RULES
from kb.check.validate import validate_cases
from sitebuild import ROOT, kb_command

SOURCES = [ROOT / "tests" / "fixtures" / "valid" / "fixture-minimal.md", SEED_CASES / "guangdong-wengyuan-lingtouyan.md"]
TEXTS = [path.read_text(encoding="utf-8") for path in SOURCES]
ODD_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12),
                       st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
                       st.dates())
SETTINGS = settings(max_examples=700, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@st.composite
def text_mutation(draw) -> tuple[str, str]:
    text = draw(st.sampled_from(TEXTS))
    lines = text.split("\n")
    kind = draw(st.sampled_from(["delete", "insert", "truncate", "duplicate", "indent", "replace-char"]))
    index = draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[index]
    elif kind == "insert":
        line = lines[index]
        at = draw(st.integers(0, len(line)))
        lines[index] = line[:at] + draw(st.text(min_size=1, max_size=8)) + line[at:]
    elif kind == "truncate":
        return kind, text[: draw(st.integers(0, len(text)))]
    elif kind == "duplicate":
        lines.insert(index, lines[index])
    elif kind == "indent":
        lines[index] = draw(st.sampled_from(["", " ", "\t", "\u3000", "    "])) + lines[index].lstrip()
    else:
        line = lines[index]
        at = draw(st.integers(0, max(len(line) - 1, 0)))
        lines[index] = line[:at] + draw(st.sampled_from(":：-#[]{}\"'“”&*|>!%@`")) + line[at + 1:]
    return kind, "\n".join(lines)


@st.composite
def structure_mutation(draw) -> tuple[str, str]:
    text = draw(st.sampled_from(TEXTS))
    _, fm, body = text.split("---\n", 2)
    meta = yaml.load(fm, Loader=yaml.CSafeLoader)
    container, key = meta, draw(st.sampled_from(sorted(meta)))
    # walk one or two levels down into a nested field sometimes
    for _ in range(draw(st.integers(0, 2))):
        child = container[key]
        if isinstance(child, dict) and child:
            container, key = child, draw(st.sampled_from(sorted(child)))
        elif isinstance(child, list) and child:
            container, key = child, draw(st.integers(0, len(child) - 1))
    if draw(st.booleans()):
        del container[key]
    else:
        container[key] = draw(ODD_VALUES)
    return "structure", "---\n" + yaml.dump(meta, Dumper=yaml.CSafeDumper, allow_unicode=True) + "---\n" + body


def check_outcome(tmp_path, text: str) -> None:
    cases_dir = tmp_path / "cases"
    cases_dir.mkdir(exist_ok=True)
    (cases_dir / "guangdong-wengyuan-lingtouyan.md").write_text(text, encoding="utf-8")
    cases, problems, checked = validate_cases(cases_dir)
    assert checked == 1
    assert (len(cases), bool(problems)) in {(1, False), (0, True)}  # never both, never neither
    for problem in problems:
        assert problem.code in RULES and problem.line >= 1 and problem.message
        assert problem.path.endswith(".md")
    for case in cases:
        assert render_case_page(case, vocab.categories())


@SETTINGS
@given(mutation=text_mutation())
def test_text_mutations_never_raise(tmp_path, mutation):
    check_outcome(tmp_path, mutation[1])


@SETTINGS
@given(mutation=structure_mutation())
def test_structure_mutations_never_raise(tmp_path, mutation):
    check_outcome(tmp_path, mutation[1])


@settings(max_examples=600, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200))
def test_random_bytes_never_raise(tmp_path, data):
    check_outcome(tmp_path, ("---\n" + data.decode("utf-8", "replace")) if data[:1] != b"-" else data.decode("latin-1"))


def test_cli_on_mutated_files_shows_no_traceback(tmp_path):
    """A few mutated files through the real command line."""
    cases_dir = tmp_path / "cases"
    cases_dir.mkdir()
    text = TEXTS[1]
    variants = [text[: len(text) // 3], text.replace("  province: ", "  province: [", 1),
                text.replace("results:", "results: 很多", 1), "---\n" + "\ufffd\x00:\n" * 3 + "---\n"]
    for index, variant in enumerate(variants):
        (cases_dir / f"fuzz-{index}.md").write_text(variant, encoding="utf-8")
    result = kb_command("validate", "--cases", str(cases_dir))
    assert result.returncode == 1 and result.stderr == ""
    assert "Traceback" not in result.stdout
    assert all(f"fuzz-{index}.md:" in result.stdout for index in range(len(variants)))
