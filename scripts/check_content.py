#!/usr/bin/env python3
"""The content checker: `make check` runs it (CONTRIBUTING.md explains the rules).

A thin entry point: the command lives in guide/checker/cli.py.
"""

import sys
from pathlib import Path

from guide.checker.cli import main

# The project this script belongs to, whatever folder it is run from.
ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], root=ROOT))
