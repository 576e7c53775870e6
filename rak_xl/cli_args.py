"""argparse speaking the user's language: Indonesian by default, English with `--lang en`.

argparse words its usage line, section titles and errors in English. Rather than
writing a parser of our own, a subclass rewords what argparse produces: the
usage prefix and section titles through the formatter, and each error message
(argparse's fixed set, Python 3.11) through the patterns below; a message not
listed stays as argparse wrote it. The language is known before parsing (see
`requested_lang`), so even the errors about the arguments come out in it.
"""

from __future__ import annotations

import argparse
import re
import sys

LANGS = ("id", "en")

# (argparse's English message as a pattern, Indonesian wording). Nested messages
# ("argument X: invalid choice ...") are reworded from the outside in.
_MESSAGES_ID = [
    (r"argument (?P<a>.+?): (?P<m>.+)", "argumen {a}: {m}"),
    (r"unrecognized arguments: (?P<a>.+)", "argumen tidak dikenal: {a}"),
    (r"the following arguments are required: (?P<a>.+)", "argumen berikut wajib diisi: {a}"),
    (r"one of the arguments (?P<a>.+) is required", "salah satu argumen {a} wajib diisi"),
    (r"invalid choice: (?P<v>.+) \(choose from (?P<c>.+)\)", "pilihan tidak sah: {v} (pilih salah satu: {c})"),
    (r"invalid int value: (?P<v>.+)", "bukan bilangan bulat: {v}"),
    (r"invalid float value: (?P<v>.+)", "bukan bilangan: {v}"),
    (r"invalid (?P<t>\w+) value: (?P<v>.+)", "nilai {t} tidak sah: {v}"),
    (r"expected one argument", "memerlukan satu nilai"),
    (r"expected at most one argument", "menerima paling banyak satu nilai"),
    (r"expected at least one argument", "memerlukan paling sedikit satu nilai"),
    (r"expected (?P<n>\d+) arguments?", "memerlukan {n} nilai"),
    (r"ambiguous option: (?P<o>.+) could match (?P<m>.+)", "opsi {o} ambigu, bisa berarti: {m}"),
    (r"not allowed with argument (?P<a>.+)", "tidak boleh dipakai bersama {a}"),
    (r"ignored explicit argument (?P<a>.+)", "opsi ini tidak menerima nilai ({a})"),
]

_WORDS = {
    "id": {"usage": "Penggunaan: ", "positional": "argumen", "options": "opsi", "error": "galat",
           "help": "tampilkan bantuan ini lalu keluar", "see": "Bantuan: {prog} --help"},
    "en": {"usage": "usage: ", "positional": "arguments", "options": "options", "error": "error",
           "help": "show this help and exit", "see": "Help: {prog} --help"},
}


def requested_lang(argv: list[str]) -> str:
    """The `--lang` given anywhere on the command line (the last one wins), else Indonesian."""
    lang = "id"
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in LANGS:
            lang = value
    return lang


def translate(message: str, lang: str) -> str:
    """argparse's English error message in `lang` (unknown messages are returned as they are)."""
    if lang != "id":
        return message
    for pattern, wording in _MESSAGES_ID:
        found = re.fullmatch(pattern, message, flags=re.DOTALL)
        if found:
            parts = found.groupdict()
            if "m" in parts and pattern.startswith("argument"):
                parts["m"] = translate(parts["m"], lang)
            return wording.format(**parts)
    return message


def parser_class(lang: str) -> type[argparse.ArgumentParser]:
    """An ArgumentParser class whose usage, section titles, help flag and errors speak `lang`."""
    words = _WORDS[lang]

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):
            super().add_usage(usage, actions, groups, words["usage"] if prefix is None else prefix)

    class Parser(argparse.ArgumentParser):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("formatter_class", Formatter)
            add_help = kwargs.pop("add_help", True)
            super().__init__(*args, add_help=False, **kwargs)
            self._positionals.title = words["positional"]
            self._optionals.title = words["options"]
            if add_help:
                self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=words["help"])

        def error(self, message: str):
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog}: {words['error']}: {translate(message, lang)}\n"
                         f"{words['see'].format(prog=self.prog)}\n")

    return Parser
