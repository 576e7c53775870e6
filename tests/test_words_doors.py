"""The words of the doors, jobs and Kiriman in core/text.py (WORDS): both languages fill in the same
parameters, argparse's messages come out in Indonesian, and the evaluation states in English."""

from __future__ import annotations

import argparse
import errno
import string
import sys

import pytest

from rak_xl.cli import build_parser, translate
from rak_xl.core.text import WORDS, Both, os_reason, say, state_text
from rak_xl.figures import quarterly as E

# The keys of the block '# --- doors, jobs, Kiriman ---'.
PREFIXES = ("counts", "rollup.", "consolidate.", "evaluate.", "button.", "lite.", "excel.", "setup.", "state.",
            "cli.", "argparse.", "os.")
OURS = sorted(k for k in WORDS if k.startswith(PREFIXES))


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


@pytest.mark.parametrize("key", OURS)
def test_both_languages_take_the_same_parameters(key):
    id_text, en_text = WORDS[key]
    assert id_text and en_text and _fields(id_text) == _fields(en_text), key
    params = {name: f"<{name}>" for name in _fields(id_text)}
    for lang in ("id", "en"):
        text = say(key, lang, **params)
        assert all(v in text for v in params.values()) and "{" not in text.replace("{prog}", "")


def test_a_missing_parameter_is_an_error_not_a_blank():
    with pytest.raises(KeyError):
        say("cli.written")


def test_a_parameter_in_both_languages_gives_each_its_words():
    counts = Both("4 kesalahan", "4 errors")
    assert say("cli.consolidated", "id", source="RAK.xlsm", rows=3, counts=counts).endswith("validasi 4 kesalahan")
    assert say("cli.consolidated", "en", source="RAK.xlsm", rows=3, counts=counts).endswith("validation 4 errors")


@pytest.mark.parametrize("key", [k for k in OURS if k.startswith("argparse.")])
def test_every_argparse_message_listed_reads_in_indonesian(key):
    """argparse's English (the entry's template) is recognised and reworded, parameters kept."""
    id_text, en_text = WORDS[key]
    params = {name: f"X{i}" for i, name in enumerate(sorted(_fields(en_text)))}
    english = en_text.format(**params)
    if key == "argparse.argument":  # reworded from the outside in
        english = "argument --format: invalid choice: 'xml' (choose from 'table', 'json')"
        assert translate(english, "id") == "argumen --format: pilihan tidak sah: 'xml' (pilih salah satu: 'table', 'json')"
    else:
        assert translate(english, "id") == id_text.format(**params)
    assert translate(english, "en") == english


def test_argparse_messages_not_listed_stay_as_argparse_wrote_them():
    assert translate("something argparse has never said", "id") == "something argparse has never said"


def test_the_parser_speaks_the_language_asked_for(capsys):
    for lang, usage, opts in (("id", "Penggunaan:", "opsi:"), ("en", "usage:", "options:")):
        with pytest.raises(SystemExit):
            build_parser(lang).parse_args(["rules", "--help"])
        out = capsys.readouterr().out
        assert out.startswith(usage) and opts in out and say("cli.rules.markdown", lang) in out
    assert isinstance(build_parser("en"), argparse.ArgumentParser)


def test_evaluation_states_read_in_english():
    states = (E.OK, E.NO_TARGET, E.NO_DATA, E.ZERO_TARGET, E.NOT_REPORTED, E.NOT_STARTED, E.RUNNING)
    english = [state_text(s, "en") for s in states]
    assert english == ["counted", "no target", "no data yet", "zero target", "not reported", "not started", "reported"]
    assert [state_text(s, "id") for s in states] == list(states)


def test_file_system_reasons_read_in_both_languages():
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == Both("disk penuh", "the disk is full")
    odd = os_reason(OSError(errno.ENOTSUP, "Operation not supported"))
    assert odd == Both("kesalahan sistem berkas (Operation not supported)", "Operation not supported")


def test_setup_excel_says_what_it_wrote_in_the_language_asked_for(tmp_path, monkeypatch, capsys):
    from rak_xl.cli import main
    from rak_xl.products import excel_setup

    conf = tmp_path / ".xlwings" / "xlwings.conf"
    monkeypatch.setattr(excel_setup, "user_config_file", lambda: conf)
    assert main(["setup-excel"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [f"Ditulis: {conf}", f"  Python untuk tombol Excel : {sys.executable}"]
    assert main(["setup-excel", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"Written: {conf}" in out and "ADD_WORKBOOK_TO_PYTHONPATH: False (the workbook may be kept" in out
    assert conf.read_text(encoding="utf-8").count("ADD_WORKBOOK_TO_PYTHONPATH") == 1
