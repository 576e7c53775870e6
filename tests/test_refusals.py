"""The refusal catalog (rak_xl/core/refusals.py): every reason rak_xl refuses a file, a folder or a
command has a stable code, both languages and a line of documentation, and is raised from there."""

from __future__ import annotations

import ast
import re

import pytest
from conftest import ROOT

from rak_xl.core import refusals as R
from rak_xl.core.errors import RakInputError
from rak_xl.core.text import Both
from rak_xl.rules.docs import rules_markdown

ENTRIES = sorted(R.REFUSALS.values(), key=lambda r: r.code)


def _fields(template: str) -> set[str]:
    import string

    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def _sample(entry: R.Refusal) -> dict[str, object]:
    return {name: f"<{name}>" for name in entry.params}


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda r: r.code)
def test_every_entry_is_called_with_its_declared_parameters(entry):
    error = entry(**_sample(entry))
    assert isinstance(error, RakInputError) and error.code == entry.code
    assert error.exit_code == entry.exit_code
    for name in entry.params:  # each parameter reaches both languages' words
        assert f"<{name}>" in error.message + error.hint and f"<{name}>" in error.message_en + error.hint_en
    assert "{" not in error.message + error.message_en + error.hint + error.hint_en
    with pytest.raises(TypeError):
        entry(**_sample(entry), unknown_parameter="x")
    if entry.params:
        with pytest.raises(TypeError):
            entry(**dict(list(_sample(entry).items())[1:]))


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda r: r.code)
def test_both_languages_use_the_same_parameters_and_say_something(entry):
    assert _fields(entry.message_id) == _fields(entry.message_en), entry.code
    assert _fields(entry.hint_id) == _fields(entry.hint_en), entry.code
    assert entry.message_id and entry.message_en and entry.doc, entry.code
    assert bool(entry.hint_id) == bool(entry.hint_en), entry.code
    assert entry.message_id != entry.message_en, f"{entry.code}: the Indonesian message is not Indonesian"


def test_codes_and_slugs_are_stable_in_form_and_unique():
    for entry in ENTRIES:
        assert re.fullmatch(r"RAK[789]\d\d", entry.code), entry.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.slug), entry.slug
    slugs = [r.slug for r in ENTRIES]
    assert len(slugs) == len(set(slugs))
    with pytest.raises(KeyError):
        R.refusal("RAK701", "again", "x", "y")
    for code, (successor, _why) in R.RETIRED.items():  # a retired code is never handed out again
        assert code not in R.REFUSALS and successor in R.REFUSALS, code
        with pytest.raises(KeyError):
            R.refusal(code, "reused", "x", "y")
        assert f"### {code} (retired)" in rules_markdown()


def test_a_parameter_in_both_languages_gives_each_its_words():
    error = R.FILE_UNREADABLE(name="RAK.xlsm", reason=Both("akses ditolak", "permission denied"))
    assert error.message == "Berkas 'RAK.xlsm' tidak dapat dibaca (akses ditolak)."
    assert error.message_en == "'RAK.xlsm' cannot be read (permission denied)."


def test_the_code_reaches_what_staff_read():
    error = R.CELL_BEYOND_GRID(name="RAK.xlsm", sheet="Anggaran", cell="XFE9")
    assert error.text() == (
        "Berkas 'RAK.xlsm': lembar 'Anggaran' memuat sel 'XFE9' di luar batas lembar Excel (kolom XFD, baris "
        "1.048.576); berkas tidak diproses. [Anggaran!XFE9] (RAK716)\n"
        "Saran: Berkas ini tidak dibuat oleh Excel atau telah diubah; simpan ulang dari Excel.")
    assert error.text("en").splitlines()[0].endswith("[Anggaran!XFE9] (RAK716)")
    assert R.NEW_CHOOSE_ONE().text("en").endswith("(carry forward) or --satker and --kode (blank). (RAK903)")


def test_the_file_system_refusal_names_the_path_and_the_reason_in_both_languages():
    import errno

    error = R.file_system_error(OSError(errno.ENOSPC, "No space left on device"), "/data/hasil.xlsm")
    assert error.code == "RAK812" and error.message == "'/data/hasil.xlsm' tidak dapat ditulis: disk penuh."
    assert error.message_en == "'/data/hasil.xlsm' cannot be written: the disk is full."
    odd = R.file_system_error(OSError(errno.ENOTSUP, "Operation not supported"), "x")
    assert "kesalahan sistem berkas (Operation not supported)" in odd.message


def test_every_refusal_is_in_the_generated_docs():
    doc = rules_markdown()
    for entry in ENTRIES:
        assert f"### {entry.code} `{entry.slug}`" in doc and entry.doc in doc


# The files whose refusals are catalogued (the lead widens the list to all of rak_xl/ outside core/
# as the other areas move into the catalog).
# Every module outside core/, where the catalog and the exception live.
CATALOGUED = sorted(p.relative_to(ROOT / "rak_xl").as_posix() for p in (ROOT / "rak_xl").rglob("*.py")
                    if "core" not in p.relative_to(ROOT / "rak_xl").parts)


@pytest.mark.parametrize("name", CATALOGUED)
def test_no_refusal_is_made_outside_the_catalog(name):
    """An inline RakInputError(...) (or a subclass of it) would carry no code and stay out of the docs."""
    tree = ast.parse((ROOT / "rak_xl" / name).read_text(encoding="utf-8"))
    found = [node.lineno for node in ast.walk(tree)
             if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "RakInputError"
             or isinstance(node, ast.ClassDef) and any(getattr(b, "id", "") == "RakInputError" for b in node.bases)]
    assert found == [], f"rak_xl/{name}: lines {found}"
