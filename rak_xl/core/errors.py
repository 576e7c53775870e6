"""Errors a user can fix (bad input), as opposed to bugs."""

from __future__ import annotations


class RakInputError(Exception):
    """The workbook or file cannot be used; the message is for staff (Indonesian).

    `exit_code` follows the CLI contract: 2 = the file cannot be read.
    """

    exit_code = 2

    def __init__(self, message: str, *, message_en: str = "", sheet: str | None = None,
                 cell: str | None = None, hint: str = "", hint_en: str = "", code: str = "") -> None:
        super().__init__(message)
        self.code = code  # the refusal's code in rak_xl.core.refusals (RAK7xx-9xx)
        self.message = message
        self.message_en = message_en or message
        self.sheet = sheet
        self.cell = cell
        self.hint = hint
        self.hint_en = hint_en or hint

    def text(self, lang: str = "id") -> str:
        msg = self.message_en if lang == "en" else self.message
        where = ""
        if self.sheet:
            where = f" [{self.sheet}{'!' + self.cell if self.cell else ''}]"
        hint = self.hint_en if lang == "en" else self.hint
        hint = f"\n{'Hint' if lang == 'en' else 'Saran'}: {hint}" if hint else ""
        return f"{msg}{where}{hint}"


# What staff read when the file system refuses (the OS's own text is English, or localised
# differently on every PC). errno -> (Indonesian, English).
_OS_REASONS = {
    "ENOSPC": ("disk penuh", "the disk is full"),
    "EDQUOT": ("kuota disk habis", "the disk quota is used up"),
    "EFBIG": ("berkas melebihi batas ukuran yang diizinkan", "the file exceeds the allowed size"),
    "EACCES": ("akses ditolak", "permission denied"),
    "EPERM": ("akses ditolak", "permission denied"),
    "EROFS": ("disk atau folder hanya-baca", "read-only file system"),
    "ENOENT": ("folder atau berkas tidak ada", "no such file or folder"),
    "ENOTDIR": ("salah satu bagian jalurnya adalah berkas, bukan folder", "a part of the path is a file, not a folder"),
    "EISDIR": ("itu adalah folder", "it is a folder"),
    "ENAMETOOLONG": ("nama terlalu panjang", "the name is too long"),
    "ELOOP": ("tautan simbolik berputar", "symbolic links loop"),
    "EBUSY": ("sedang dipakai program lain", "in use by another program"),
    "ETXTBSY": ("sedang dipakai program lain", "in use by another program"),
    "EIO": ("kesalahan baca/tulis perangkat", "input/output error"),
    "EEXIST": ("sudah ada", "already exists"),
    "EXDEV": ("berada di disk lain", "on another disk"),
}


def os_reason(exc: OSError) -> tuple[str, str]:
    """(Indonesian, English) words for why the file system refused."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    text = exc.strerror or str(exc) or type(exc).__name__
    return f"kesalahan sistem berkas ({text})", text


def file_system_error(exc: OSError, path: object = None, writing: bool = True) -> RakInputError:
    """An OSError as the exit-2 message staff can act on, naming the path."""
    where = path if path is not None else (exc.filename or "")
    why, why_en = os_reason(exc)
    verb, verb_en = ("ditulis", "written") if writing else ("dibaca", "read")
    return RakInputError(f"'{where}' tidak dapat {verb}: {why}.",
                         message_en=f"'{where}' cannot be {verb_en}: {why_en}.",
                         hint="Kosongkan ruang disk, periksa izin folder, atau pilih folder lain dengan -o."
                         if writing else "Periksa berkas dan izin foldernya.",
                         hint_en="Free disk space, check the folder's permissions, or choose another folder with -o."
                         if writing else "Check the file and its folder's permissions.")
