"""Run one build in a fresh process and measure it: wall time, CPU time
and the peak memory of that process alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class BuildRun:
    seconds: float
    cpu_seconds: float
    peak_mb: float


class BuildFailed(Exception):
    pass


def timed_build(project: Path, site: Path, strict: bool = True) -> BuildRun:
    """One cold build: a new Python process and an empty output folder."""
    shutil.rmtree(site, ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)]
    if strict:
        cmd.insert(4, "--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        # wait4 gives this child's own resource use; getrusage(RUSAGE_CHILDREN)
        # would report the largest of all children so far.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            log.seek(0)
            raise BuildFailed(f"mkdocs build in {project} failed (exit {proc.returncode}):\n"
                              + log.read().decode("utf-8", "replace")[-3000:])
    # ru_maxrss is in kilobytes on Linux.
    return BuildRun(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
