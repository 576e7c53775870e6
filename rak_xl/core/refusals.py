"""The refusal catalog: every reason rak_xl refuses a file, a folder or a command, with a stable code.

A refusal is not a finding: nothing is read or written, the command line exits 2 and a button
shows one alert. Like the rule catalog (core/catalog.py) each entry has a stable code, both
languages' message and hint, and a line of documentation; docs/rules.md lists them, generated
from this table. Codes continue the rules' numbering by area:

    RAK7xx  reading a file (not found, not a workbook, damaged, too large, beyond Excel's grid)
    RAK8xx  writing (target exists or is the input, folder unwritable, a sheet that cannot be kept)
    RAK9xx  commands, Excel and the PC (options, Excel refusing a call, LibreOffice, setup)

An entry is called with its declared parameters and gives the exception to raise:

    raise FILE_NOT_FOUND(path=full_path)

A parameter missing or unknown is a TypeError at once (a test calls every entry), never a '?'
in a message staff read.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cached_property

from .errors import RakInputError

AREAS = {
    "RAK7": ("Membaca berkas", "Reading a file"),
    "RAK8": ("Menulis", "Writing"),
    "RAK9": ("Perintah, Excel dan komputer", "Commands, Excel and the PC"),
}


@dataclass(frozen=True)
class Refusal:
    code: str
    slug: str
    message_id: str
    message_en: str
    hint_id: str = ""
    hint_en: str = ""
    doc: str = ""  # when it happens and what to do, for docs/rules.md (English)

    @cached_property
    def params(self) -> frozenset[str]:
        """The names the four templates use."""
        names = set()
        for template in (self.message_id, self.message_en, self.hint_id, self.hint_en):
            names.update(field for _, field, _, _ in string.Formatter().parse(template) if field)
        return frozenset(names)

    @property
    def area(self) -> tuple[str, str]:
        return AREAS[self.code[:4]]

    def __call__(self, *, sheet: str | None = None, cell: str | None = None, **params: object) -> RakInputError:
        missing, extra = self.params - params.keys(), params.keys() - self.params
        if missing or extra:
            raise TypeError(f"{self.code} takes {sorted(self.params)}; missing {sorted(missing)}, unknown {sorted(extra)}")
        return RakInputError(self.message_id.format(**params), message_en=self.message_en.format(**params),
                             hint=self.hint_id.format(**params), hint_en=self.hint_en.format(**params),
                             sheet=sheet, cell=cell, code=self.code)


REFUSALS: dict[str, Refusal] = {}


def refusal(code: str, slug: str, message_id: str, message_en: str, hint_id: str = "", hint_en: str = "",
            doc: str = "") -> Refusal:
    if code in REFUSALS:
        raise KeyError(f"refusal {code} defined twice")
    entry = Refusal(code, slug, message_id, message_en, hint_id, hint_en, doc)
    REFUSALS[code] = entry
    return entry


# --- RAK7xx: reading a file ------------------------------------------------------------------

FILE_NOT_FOUND = refusal(
    "RAK701", "file-not-found",
    "Berkas '{path}' tidak ditemukan.",
    "File '{path}' not found.",
    "Periksa nama dan folder berkas.",
    "Check the file's name and folder.",
    "The file named on the command line (or by a button) does not exist.")
