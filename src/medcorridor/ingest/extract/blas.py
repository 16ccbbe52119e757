"""One BLAS thread for the NER tagger's small matrix products.

slovnet's CNN runs through numpy, whose bundled OpenBLAS starts a thread per core. The products
are small (a few hundred tokens), so the threads mostly wait on each other, and on a machine
whose other cores are busy they wait for a time slice: one thread is about twice as fast there
and no slower on an idle one. The thread count is the same library's, process-wide, so it is set
only for the duration of the call and restored afterwards. Without a bundled OpenBLAS (another
BLAS, or a build that does not export the calls) this does nothing.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

# (set, get) pairs exported by numpy's bundled OpenBLAS builds, newest first
SYMBOLS = (
    ("scipy_openblas_set_num_threads64_", "scipy_openblas_get_num_threads64_"),
    ("scipy_openblas_set_num_threads", "scipy_openblas_get_num_threads"),
    ("openblas_set_num_threads64_", "openblas_get_num_threads64_"),
    ("openblas_set_num_threads", "openblas_get_num_threads"),
)


@lru_cache(maxsize=1)
def _openblas() -> tuple | None:
    try:
        import numpy

        libs = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
        for path in sorted(libs.glob("*openblas*")):
            library = ctypes.CDLL(str(path))  # already loaded by numpy: the same handle
            for set_name, get_name in SYMBOLS:
                if hasattr(library, set_name) and hasattr(library, get_name):
                    return getattr(library, set_name), getattr(library, get_name)
    except (ImportError, OSError):
        pass
    return None


@contextmanager
def single_thread() -> Iterator[None]:
    calls = _openblas()
    if calls is None:
        yield
        return
    set_threads, get_threads = calls
    previous = get_threads()
    if previous == 1:
        yield
        return
    set_threads(1)
    try:
        yield
    finally:
        set_threads(previous)
