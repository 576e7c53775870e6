"""Every byte a file shows to whoever reads it: a zip's members inflated, a PDF's streams inflated and
its UTF-16 strings decoded. For searching our own output (the Kiriman package) for what must not be
in it; each file is one rak_xl just wrote, so its size is ours, not an attacker's."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
_UTF16_HEX = re.compile(rb"<FEFF((?:[0-9A-Fa-f]{4})+)>")


def readable_parts(path: Path) -> Iterator[tuple[str, bytes]]:
    """(part, bytes) of the file at `path`: the file itself, then each zip member (by its name) or PDF
    stream ('stream N') inflated, and a PDF's UTF-16 text strings ('strings') decoded as UTF-8."""
    data = Path(path).read_bytes()
    yield path.name, data
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:  # the bytes just read, not the file again
            for name in zf.namelist():
                yield name, zf.read(name)
    elif data[:5] == b"%PDF-":
        texts = [data]
        for n, m in enumerate(_STREAM.finditer(data)):
            try:
                inflated = zlib.decompress(m[1])
            except zlib.error:  # not deflated (an image, a font subset): its raw bytes were read above
                continue
            texts.append(inflated)
            yield f"stream {n}", inflated
        yield "strings", b"\n".join(bytes.fromhex(m[1].decode()).decode("utf-16-be", "replace").encode()
                                    for text in texts for m in _UTF16_HEX.finditer(text))
