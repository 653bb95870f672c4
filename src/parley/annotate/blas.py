"""Matrix products for the spaCy models through numpy's BLAS, pinned to one thread.

thinc's CPU ops multiply matrices with the BLIS library bundled in the ``blis`` wheel.
On common x86 machines numpy's own OpenBLAS does the same products 2-3 times faster on
one core, with the same results for every token we checked (tags, parse, entities). The
tok2vec, tagger, parser and NER layers spend most of their time in these products, so
parley's pipeline uses thinc's ``NumpyOps(use_blis=False)``, which hands them to numpy.

To stay a single-threaded program (like spaCy's own default), OpenBLAS is limited to one
thread first. Where that cannot be done (a numpy built on another BLAS, a platform where
the library cannot be found), the models keep thinc's default ops.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_SET_THREADS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)
_GET_THREADS = tuple(name.replace("set_", "get_") for name in _SET_THREADS)


def _openblas_files() -> Iterator[Path]:
    """numpy's bundled OpenBLAS: ``numpy.libs`` (Linux, Windows) or ``numpy/.dylibs`` (macOS)."""
    import numpy

    package = Path(numpy.__file__).resolve().parent
    for folder in (package.parent / "numpy.libs", package / ".dylibs"):
        if folder.is_dir():
            yield from sorted(folder.glob("*openblas*"))


def _call(lib: ctypes.CDLL, names: tuple[str, ...], *args: int) -> int | None:
    for name in names:
        fn = getattr(lib, name, None)
        if fn is not None:
            return int(fn(*args) or 0)
    return None


def pin_numpy_blas_to_one_thread() -> bool:
    """Limit numpy's OpenBLAS to one thread; True when it now runs on exactly one."""
    for path in _openblas_files():
        try:
            lib = ctypes.CDLL(str(path))  # already loaded by numpy: the same library
        except OSError:
            continue
        if _call(lib, _SET_THREADS, 1) is not None and _call(lib, _GET_THREADS) == 1:
            return True
    return False


def single_thread_ops() -> Any:
    """thinc ops for the models: numpy's BLAS when pinned to one thread, else the default."""
    from thinc.api import NumpyOps

    return NumpyOps(use_blis=not pin_numpy_blas_to_one_thread())


def use_ops(nlp: Any, ops: Any) -> None:
    """Make every layer of every trainable component of ``nlp`` compute with ``ops``."""
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for layer in model.walk():
                layer.ops = ops
