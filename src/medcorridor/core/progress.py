"""Progress bars for long-running commands (rich), silent when not on a terminal unless asked."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

T = TypeVar("T")
console = Console(stderr=True)


def make_progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )


def track(items: Iterable[T], *, total: int | None = None, description: str = "") -> Iterator[T]:
    """Iterate with a progress bar on standard error."""
    with make_progress() as progress:
        yield from progress.track(items, total=total, description=description)


@contextmanager
def progress_task(description: str, total: int | None):
    """A bar to advance by hand: ``with progress_task("Solving", 100) as advance: advance(10)``."""
    with make_progress() as progress:
        task = progress.add_task(description, total=total)
        yield lambda step=1, **kw: progress.update(task, advance=step, **kw)
