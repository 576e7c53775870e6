"""Errors a user can fix (bad input), as opposed to bugs."""

from __future__ import annotations


class RakInputError(Exception):
    """The workbook or file cannot be used; the message is for staff (Indonesian).

    Raised from an entry of the refusal catalog (rak_xl.core.refusals), which gives the code,
    both languages' message and hint. `exit_code` follows the CLI contract: 2 = the file cannot
    be read or written (1: the plan has errors, for a refusal that says so).
    """

    exit_code = 2

    def __init__(self, message: str, *, message_en: str = "", sheet: str | None = None,
                 cell: str | None = None, hint: str = "", hint_en: str = "", code: str = "",
                 exit_code: int | None = None) -> None:
        super().__init__(message)
        self.code = code  # the refusal's code in rak_xl.core.refusals (RAK7xx-9xx)
        self.message = message
        self.message_en = message_en or message
        self.sheet = sheet
        self.cell = cell
        self.hint = hint
        self.hint_en = hint_en or hint
        if exit_code is not None:
            self.exit_code = exit_code

    def text(self, lang: str = "id") -> str:
        """What staff read (CLI stderr, a button's alert): the message, where, the code, the hint.

        The code closes the first line, '... tidak ditemukan. (RAK701)', so the sentence still
        starts the alert and the code is at hand to look up in docs/rules.md or to quote."""
        msg = self.message_en if lang == "en" else self.message
        where = ""
        if self.sheet:
            where = f" [{self.sheet}{'!' + self.cell if self.cell else ''}]"
        code = f" ({self.code})" if self.code else ""
        hint = self.hint_en if lang == "en" else self.hint
        hint = f"\n{'Hint' if lang == 'en' else 'Saran'}: {hint}" if hint else ""
        return f"{msg}{where}{code}{hint}"
