"""The one way rak_xl replaces a file or a folder: build it beside its final place, then swap it in.

Every write goes through `replacing`: a workbook written by the file door (file_write),
the built workbook (`rak-xl build`), the Rekap Provinsi recap, the Kiriman package folder.
The new content is written to a temporary name in the target's own folder (same file
system, so the final move is one rename), then moved over the target. A failure midway
leaves the previous file or folder exactly as it was and no temporary file behind; a
file-system failure becomes a refusal (RAK8xx) staff can act on (exit code 2).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

from rak_xl.core import refusals as R
from rak_xl.core.errors import RakInputError
from rak_xl.core.text import os_reason

# Every refusal here names the whole path: 'hasil.xlsm' alone does not say which folder refused.


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask



def check_target(target: str | Path) -> None:
    """Refuse a target that is a folder, lies under a file, or is not a regular file (a FIFO, a device)."""
    target = Path(target)
    if target.is_dir():
        raise R.OUTPUT_IS_FOLDER(path=target)
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise R.OUTPUT_UNDER_FILE(path=target, parent=parent)
    if target.exists() and not target.is_file():
        raise R.OUTPUT_NOT_REGULAR(path=target)


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
              new: bool = False, owned: Collection[str] | None = None) -> Iterator[Path]:
    """Yield a temporary path beside `target`; when the block ends without error, move it over `target`.

    `folder=True`: the temporary path is an empty folder and replaces the folder `target`;
    with `owned` (file names), an existing folder keeps every other file: only those names
    are replaced (or removed when the new folder lacks them).
    `parents=True`: missing folders above `target` are made first.
    `new=True`: `target` must not exist, not even one that appeared while the content was written.
    """
    target = Path(target)
    if new and os.path.lexists(target):
        raise _exists(target)
    if not folder:
        check_target(target)
    # os.replace would silently swap out a read-only file on Linux; Windows refuses. Refuse everywhere.
    if not folder and target.is_file() and not target.stat().st_mode & 0o222:
        raise R.OUTPUT_READ_ONLY(path=target)
    made: list[Path] = []  # folders this call creates, deepest first: removed again on failure
    tmp: Path | None = None
    try:
        if parents:
            made = [p for p in (target.parent, *target.parent.parents) if not os.path.lexists(p)]
            target.parent.mkdir(parents=True, exist_ok=True)
        if folder:
            tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
            os.chmod(tmp, _new_dir_mode())
        else:
            fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
            os.close(fd)
            tmp = Path(name)
    except OSError as exc:
        _remove_empty(made)
        raise _no_place(target, exc) from None
    done = False
    try:
        yield tmp
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
        done = True
    except PermissionError:
        raise R.OUTPUT_IN_USE(path=target) from None
    except OSError as exc:  # disk full, size limit, network share gone: the original is untouched
        raise R.OUTPUT_SAVE_FAILED(path=target, reason=os_reason(exc)) from None
    finally:
        try:
            if tmp.is_dir() and not tmp.is_symlink():
                shutil.rmtree(tmp, ignore_errors=True)
            elif os.path.lexists(tmp):
                os.unlink(tmp)
        except OSError:
            pass
        if not done:
            _remove_empty(made)


def _remove_empty(folders: list[Path]) -> None:
    """Remove the folders a failed write created (deepest first), so no empty Kiriman/ is left."""
    for path in folders:
        try:
            path.rmdir()
        except OSError:
            return


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
        old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
        folder.rename(old)
    try:
        staging.rename(folder)
    except OSError:
        if old is not None:
            old.rename(folder)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


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
            kept = folder / f".{name}.old-{os.getpid()}"
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
