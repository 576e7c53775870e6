"""The one way rak_xl replaces a file or a folder: build it beside its final place, then swap it in.

Every write goes through `replacing`: a workbook written by the file door (file_write),
the built workbook (`rak-xl build`), the Rekap Provinsi recap, the Kiriman package folder.
The new content is written to a temporary name in the target's own folder (same file
system, so the final move is one rename), then moved over the target. A failure midway
leaves the previous file or folder exactly as it was and no temporary file behind; a
file-system failure becomes a refusal (RAK8xx) staff can act on (exit code 2).

Three promises are kept here, for every caller:
- a workbook written from another (`keeps`) holds every input sheet of its source, value for
  value, read back from the written bytes before they replace anything (adapters/kept_values.py);
- SIGTERM unwinds like Ctrl+C while a replacement is under way, so the temporary file goes too;
- a temporary name never exceeds the folder's name limit when the target's own name fits.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import secrets
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rak_xl.core import refusals as R
from rak_xl.core.errors import RakInputError
from rak_xl.core.text import os_reason

if TYPE_CHECKING:
    from .kept_values import Kept

# Every refusal here names the whole path: 'hasil.xlsm' alone does not say which folder refused.


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask



def check_target(target: str | Path) -> None:
    """Refuse a target that is a folder, lies under a file, is not a regular file (a FIFO, a
    device), or whose name is longer than its folder allows."""
    target = Path(target)
    limit = name_limit(target.parent)  # first: asking about a name too long fails with the OS's own words
    if len(os.fsencode(target.name)) > limit:
        raise R.OUTPUT_NAME_TOO_LONG(path=target, limit=limit)
    if target.is_dir():
        raise R.OUTPUT_IS_FOLDER(path=target)
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise R.OUTPUT_UNDER_FILE(path=target, parent=parent)
    if target.exists() and not target.is_file():
        raise R.OUTPUT_NOT_REGULAR(path=target)


def name_limit(folder: Path) -> int:
    """The longest file name (in bytes) the folder's file system takes; 255 where it cannot be asked
    (Windows, a folder still to be made: the common limit)."""
    for place in (folder, *folder.parents):
        if place.is_dir():
            try:
                return int(os.pathconf(place, "PC_NAME_MAX"))
            except (OSError, ValueError, AttributeError):
                break
    return 255


def hidden_name(name: str, decoration: int, limit: int) -> str:
    """`name` cut (whole characters, counted in bytes) so that with `decoration` more bytes (a dot,
    a random part, a suffix) it stays within `limit`: a temporary name must fit where its target does."""
    encoded = os.fsencode(name)
    room = max(limit - decoration, 1)
    return name if len(encoded) <= room else encoded[:room].decode("utf-8", "ignore")


def _new_file_mode() -> int:
    """rw for whom the user's umask allows (what open() would give a new file)."""
    return 0o666 & ~_umask()


def _new_dir_mode() -> int:
    """What mkdir() would give a new folder; mkdtemp makes it 0700, hiding a package from colleagues."""
    return 0o777 & ~_umask()


def _no_place(target: Path, exc: OSError) -> RakInputError:
    """The temporary file cannot be made beside `target`: a missing folder, or one not writable."""
    where = target.parent.resolve()
    if exc.errno == errno.ENOENT and not where.is_dir():  # nothing is open in Excel here: say what is missing
        return R.OUTPUT_FOLDER_MISSING(path=target, folder=where)
    return R.OUTPUT_FOLDER_NOT_WRITABLE(path=target, folder=where, reason=os_reason(exc))


@contextmanager
def replacing(target: str | Path, *, folder: bool = False, parents: bool = False,
              new: bool = False, owned: Collection[str] | None = None, keeps: Kept | None = None) -> Iterator[Path]:
    """Yield a temporary path beside `target`; when the block ends without error, move it over `target`.

    `folder=True`: the temporary path is an empty folder and replaces the folder `target`;
    with `owned` (file names), an existing folder keeps every other file: only those names
    are replaced (or removed when the new folder lacks them).
    `parents=True`: missing folders above `target` are made first.
    `new=True`: `target` must not exist, not even one that appeared while the content was written.
    `keeps`: the workbook written must hold these sheets' values (read back from the temporary
    file); otherwise nothing is replaced and the refusal says what would have been lost.
    """
    target = Path(target)
    if new and os.path.lexists(target):
        raise _exists(target)
    if folder:
        _check_folder_path(target)
    else:
        check_target(target)
    # os.replace would silently swap out a read-only file on Linux; Windows refuses. Refuse everywhere.
    if not folder and target.is_file() and not target.stat().st_mode & 0o222:
        raise R.OUTPUT_READ_ONLY(path=target)
    with _terminate_as_interrupt():
        made: list[Path] = []  # folders this call creates, deepest first: removed again on failure
        tmp = _temporary_name(target, folder)  # named before it exists: an interrupt cannot leave it unnamed
        done = False
        try:
            try:
                if parents:
                    made = [p for p in (target.parent, *target.parent.parents) if not os.path.lexists(p)]
                    target.parent.mkdir(parents=True, exist_ok=True)
                while True:
                    try:
                        _create(tmp, folder)
                        break
                    except FileExistsError:
                        tmp = _temporary_name(target, folder)
            except OSError as exc:
                raise _no_place(target, exc) from None
            yield tmp
            if keeps is not None:
                keeps.check(tmp, target)
            _put_in_place(tmp, target, folder, new, owned)
            done = True
        except PermissionError:
            raise R.OUTPUT_IN_USE(path=target) from None
        except OSError as exc:  # disk full, size limit, network share gone: the original is untouched
            raise R.OUTPUT_SAVE_FAILED(path=target, reason=os_reason(exc)) from None
        finally:
            _discard(tmp)
            if not done:
                _remove_empty(made)


def _temporary_name(target: Path, folder: bool) -> Path:
    """A hidden name beside `target` that no file has, within the folder's name limit:
    '.<stem>.<8 random>.<suffix>' (a folder: '.<name>.<8 random>'), the stem shortened to fit."""
    limit = name_limit(target.parent)
    suffix = "" if folder else target.suffix
    stem = hidden_name(target.name if folder else target.stem, 10 + len(os.fsencode(suffix)), limit)
    while True:
        tmp = target.with_name(f".{stem}.{secrets.token_hex(4)}{suffix}")
        if not os.path.lexists(tmp):
            return tmp


def _create(tmp: Path, folder: bool) -> None:
    """Make the temporary file or folder `tmp`; FileExistsError when another process just took the name."""
    if folder:
        os.mkdir(tmp)
        os.chmod(tmp, _new_dir_mode())  # mkdtemp's 0700 would hide a package from colleagues
    else:
        os.close(os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600))


def _put_in_place(tmp: Path, target: Path, folder: bool, new: bool, owned: Collection[str] | None) -> None:
    if folder and owned is not None and target.exists():
        _merge_folder(tmp, target, set(owned))
    elif folder:
        _swap_folder(tmp, target)
    else:
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else _new_file_mode())
        if new:
            _link_new(tmp, target)
        else:
            os.replace(tmp, target)


def _discard(tmp: Path) -> None:
    """The temporary file or folder, gone (it was moved into place, or the write failed)."""
    try:
        if tmp.is_dir() and not tmp.is_symlink():
            shutil.rmtree(tmp, ignore_errors=True)
        elif os.path.lexists(tmp):
            os.unlink(tmp)
    except OSError:
        pass


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM, raised as KeyboardInterrupt (what Ctrl+C raises) while a file is being replaced.

    SIGTERM's default ends the process on the spot, leaving the hidden temporary file; raised as
    an exception it unwinds through the cleanup above, and the doors report it as cancelled. Only
    the main thread can set a handler (elsewhere signal.signal refuses, and nothing changes); a
    SIGTERM the process was told to ignore stays ignored. No threading import: the module is part
    of the xlwings Lite bundle, where nothing may start threads."""

    def interrupt(_signum, _frame):
        raise KeyboardInterrupt

    previous = None
    if hasattr(signal, "SIGTERM") and signal.getsignal(signal.SIGTERM) is not signal.SIG_IGN:
        try:
            previous = signal.signal(signal.SIGTERM, interrupt)
        except (ValueError, OSError):  # not the main thread, or a platform that takes no handler
            previous = None
        else:
            previous = signal.SIG_DFL if previous is None else previous
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _remove_empty(folders: list[Path]) -> None:
    """Remove the folders a failed write created (deepest first), so no empty Kiriman/ is left."""
    for path in folders:
        try:
            path.rmdir()
        except OSError:
            return


def blocking_file(folder: Path) -> Path | None:
    """The file that stands where `folder` or the nearest of its existing parents should be a folder."""
    for place in (folder, *folder.absolute().parents):
        if os.path.lexists(place):
            return None if place.is_dir() else place
    return None


def _check_folder_path(folder: Path) -> None:
    """Before anything is written: a file in the folder's way would otherwise surface only when the
    finished content is moved in, as a failed save."""
    place = blocking_file(folder)
    if place is not None:
        raise R.OUTPUT_FOLDER_BLOCKED(path=folder, place=place)


def _exists(target: Path) -> RakInputError:
    return R.OUTPUT_EXISTS(name=target)


def _link_new(tmp: Path, target: Path) -> None:
    """Give the written file its name only if no file has it: a hard link fails on an existing name,
    where a check followed by a rename could replace a file made in between."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise _exists(target) from None
    except OSError:  # a file system without hard links (FAT, some network shares)
        if os.path.lexists(target):
            raise _exists(target) from None
        os.replace(tmp, target)


def _swap_folder(staging: Path, folder: Path) -> None:
    """Put `staging` in the place of `folder`: two renames, the old one back if the second fails."""
    old = None
    if folder.exists():
        old = folder.with_name(_set_aside_name(folder))
        folder.rename(old)
    try:
        staging.rename(folder)
    except OSError:
        if old is not None:
            old.rename(folder)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _set_aside_name(path: Path) -> str:
    """The hidden name an old file or folder takes while its replacement moves in."""
    tail = f".old-{os.getpid()}"
    return f".{hidden_name(path.name, 1 + len(tail), name_limit(path.parent))}{tail}"


def _merge_folder(staging: Path, folder: Path, owned: set[str]) -> None:
    """Put the files of `staging` into the existing `folder`, replacing the `owned` names only.

    Files of `folder` not in `owned` (a letter staff put beside a package) stay. The owned
    old files are set aside first and put back if a move fails, so a failure leaves the
    folder as it was.
    """
    new = sorted(p.name for p in staging.iterdir())
    old_owned = sorted(p.name for p in folder.iterdir() if p.name in owned)
    aside: list[tuple[Path, Path]] = []
    moved: list[Path] = []
    try:
        for name in old_owned:
            kept = folder / _set_aside_name(folder / name)
            os.replace(folder / name, kept)
            aside.append((kept, folder / name))
        for name in new:
            os.replace(staging / name, folder / name)
            moved.append(folder / name)
    except OSError:
        for path in moved:
            path.unlink(missing_ok=True)
        for kept, original in aside:
            os.replace(kept, original)
        raise
    for kept, _original in aside:
        kept.unlink(missing_ok=True)


def write_bytes(target: str | Path, data: bytes, *, new: bool = False) -> None:
    """`data` as the new content of `target` (its folder is made when missing); `new`: never over a file."""
    with replacing(target, parents=True, new=new) as tmp:
        tmp.write_bytes(data)
