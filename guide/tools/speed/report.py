"""Turn the benchmark results into readable Markdown tables."""

from __future__ import annotations


def table(header: list[str], rows: list[list]) -> str:
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    sep = "| " + " | ".join("-" * w for w in widths) + " |"
    return "\n".join([line(cells[0]), sep, *(line(r) for r in cells[1:])])


def kb(n: float) -> str:
    return f"{n / 1024:.0f} KB"


def verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"
