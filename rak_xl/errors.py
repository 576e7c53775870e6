"""Errors a user can fix (bad input), as opposed to bugs."""

from __future__ import annotations


class RakInputError(Exception):
    """The workbook or file cannot be used; the message is for staff (Indonesian).

    `exit_code` follows the CLI contract: 2 = the file cannot be read.
    """

    exit_code = 2

    def __init__(self, message: str, *, message_en: str = "", sheet: str | None = None,
                 cell: str | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message
        self.sheet = sheet
        self.cell = cell
        self.hint = hint

    def text(self, lang: str = "id") -> str:
        msg = self.message_en if lang == "en" else self.message
        where = ""
        if self.sheet:
            where = f" [{self.sheet}{'!' + self.cell if self.cell else ''}]"
        hint = f"\n{'Saran' if lang != 'en' else 'Hint'}: {self.hint}" if self.hint else ""
        return f"{msg}{where}{hint}"
