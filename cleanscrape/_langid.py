"""py3langid's model, read from disk: language identification without 100 MB in memory.

py3langid (naive Bayes over byte n-grams found by a DFA; Lui & Baldwin's langid.py) keeps
its model compressed in the package and, once loaded, holds about 100 MB in the process:
the transition table and the feature weights as arrays, and Python lists besides. Here the
same model is unpacked once into a cache folder (``$CLEANSCRAPE_CACHE``, else
``$XDG_CACHE_HOME/cleanscrape`` or ``~/.cache/cleanscrape``) as plain ``.npy`` arrays, and
read from there as needed: a page reads (``os.pread``) only the transitions it walks
through and the weights of the features it has, a few thousand small reads served from the
system's file cache, so the process stays small however many pages it classifies. The answers are py3langid's own
(same model, same scoring). When the cache cannot be written, py3langid is used as it is.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

__all__ = ["classify"]

_MODEL: dict[str, Any] = {}
_LOCK = threading.Lock()
_NAMES = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def _cache_root() -> Path:
    root = os.environ.get("CLEANSCRAPE_CACHE")
    if root:
        return Path(root)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "cleanscrape"


def _model_file() -> Path:
    import py3langid

    return Path(py3langid.__file__).parent / "data" / "model.npz.xz"


def _unpack(model: Path, folder: Path) -> None:
    """Stream the compressed model into ``folder`` as one ``.npy`` file per array."""
    import lzma

    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=folder.parent))
    try:
        with tempfile.TemporaryFile(dir=work) as npz:
            with lzma.open(model) as src:
                shutil.copyfileobj(src, npz, length=1 << 20)
            npz.seek(0)
            with zipfile.ZipFile(npz) as z:
                for name in _NAMES:
                    with z.open(name + ".npy") as src, open(work / (name + ".npy"), "wb") as dst:
                        shutil.copyfileobj(src, dst, length=1 << 20)
        try:
            os.replace(work, folder)
        except OSError:  # another process unpacked it first
            if not folder.is_dir():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


class _OnDisk:
    """A 1-D or 2-D ``.npy`` array read row by row with ``os.pread``: nothing of it is
    held in memory but the rows being read."""

    def __init__(self, path: Path) -> None:
        import numpy as np

        with open(path, "rb") as fh:
            version = np.lib.format.read_magic(fh)
            read = np.lib.format.read_array_header_1_0 if version == (1, 0) \
                else np.lib.format.read_array_header_2_0
            shape, fortran, dtype = read(fh)
            if fortran:
                raise ValueError(f"{path}: Fortran order not supported")
            self.offset = fh.tell()
        self.dtype = np.dtype(dtype)
        self.shape = shape
        self.row_bytes = self.dtype.itemsize * (shape[1] if len(shape) == 2 else 1)
        self.fd = os.open(path, os.O_RDONLY)
        self._int = {"u": False, "i": True}.get(self.dtype.kind)
        self._order: Any = "little" if self.dtype.byteorder in ("<", "=", "|") else "big"

    def item(self, i: int) -> int:
        """Element ``i`` of a 1-D integer array."""
        raw = os.pread(self.fd, self.row_bytes, self.offset + i * self.row_bytes)
        return int.from_bytes(raw, self._order, signed=bool(self._int))

    def rows(self, idx: Any) -> Any:
        """Rows ``idx`` (sorted) of a 2-D array, as one array."""
        import numpy as np

        out = np.empty((len(idx), self.shape[1]), dtype=self.dtype)
        for k, i in enumerate(idx):
            out[k] = np.frombuffer(os.pread(self.fd, self.row_bytes,
                                            self.offset + int(i) * self.row_bytes),
                                   dtype=self.dtype)
        return out


def _load() -> dict[str, Any] | None:
    with _LOCK:
        if _MODEL:
            return _MODEL if "ptc" in _MODEL else None
        try:
            import numpy as np

            model = _model_file()
            stat = model.stat()
            key = hashlib.sha1(f"{model}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()
            folder = _cache_root() / f"langid-{key[:16]}"
            if not (folder / "out_feat.npy").exists():
                _unpack(model, folder)
            small = {n: np.load(folder / (n + ".npy"), allow_pickle=False)
                     for n in ("pc", "classes", "nextmove_row")}
            big = {n: _OnDisk(folder / (n + ".npy")) for n in ("ptc", "nextmove", "out_feat")}
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, ImportError):
            _MODEL["failed"] = True
            return None
        _MODEL.update(big)
        _MODEL["classes"] = [str(c) for c in small["classes"].tolist()]
        _MODEL["pc"] = np.asarray(small["pc"], dtype=np.float32)
        # State -> first entry of its (shared) row of 256 transitions.
        _MODEL["rowbase"] = (small["nextmove_row"].astype(np.int64) * 256).tolist()
        return _MODEL


def _encode(text: str) -> bytes:
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf-8", "surrogatepass")


def classify(text: str) -> str | None:
    """The language py3langid would name for ``text`` (``None`` when it has no clue)."""
    model = _load()
    if model is None:
        import py3langid

        lang, _score = py3langid.classify(text)
        return str(lang) if lang else None
    import numpy as np

    data = _encode(text)
    nextmove, rowbase, out = model["nextmove"], model["rowbase"], model["out_feat"]
    state = 0
    seen: Counter[int] = Counter()
    for byte in data:
        state = nextmove.item(rowbase[state] + byte)
        feature = out.item(state)
        if feature >= 0:
            seen[feature] += 1
    if not seen:
        return None
    idx = np.fromiter(seen.keys(), dtype=np.intp, count=len(seen))
    order = np.argsort(idx)
    idx = idx[order]
    counts = np.fromiter(seen.values(), dtype=np.float32, count=len(seen))[order]
    scores = np.log1p(counts) @ model["ptc"].rows(idx).astype(np.float32) + model["pc"]
    return str(model["classes"][int(scores.argmax())])


def warm() -> None:
    """Open the model now (once per process), not on the first page whose language is
    unsure; worker processes forked afterwards share it."""
    _load()
