"""The WORDS table of core/text.py: several modules add their blocks to one dict literal, where a key
written twice would silently replace the first; both languages take the same parameters."""

from __future__ import annotations

import ast
import string

from conftest import ROOT
from rak_xl.core.text import WORDS


def _words_keys(tree: ast.AST) -> list[str]:
    """The keys of every block of WORDS: the literal it starts with and each `WORDS.update({...})`."""
    keys: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "WORDS":
            keys += [k.value for k in node.value.args[0].keys]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update"
              and getattr(node.func.value, "id", "") == "WORDS"):
            keys += [k.value for k in node.args[0].keys]
    assert keys, "WORDS not found"
    return keys


def _twice(source: str) -> list[str]:
    keys = _words_keys(ast.parse(source))
    return sorted({k for k in keys if keys.count(k) > 1})


def test_no_key_is_written_twice():
    assert _twice((ROOT / "rak_xl" / "core" / "text.py").read_text(encoding="utf-8")) == []


def test_the_check_sees_a_key_written_twice():
    assert _twice('WORDS: Words = Words({"a": ("x", "y"), "b": ("x", "y"), "a": ("z", "w")})') == ["a"]
    assert _twice('WORDS: Words = Words({"a": ("x", "y")})\nWORDS.update({"a": ("z", "w")})') == ["a"]


def test_a_block_cannot_replace_another_blocks_words():
    import pytest

    from rak_xl.core.text import Words

    words = Words({"a": ("x", "y")})
    with pytest.raises(KeyError):
        words.update({"a": ("z", "w")})


def test_both_languages_take_the_same_parameters():
    def params(text: str) -> set[str]:
        return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}

    differ = {key: (params(id_text), params(en_text)) for key, (id_text, en_text) in WORDS.items()
              if params(id_text) != params(en_text)}
    assert not differ, differ
