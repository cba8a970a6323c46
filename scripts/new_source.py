#!/usr/bin/env python3
"""Start a bibliography entry: `make new-source` runs it.

A thin entry point: the command lives in guide/tools/source_entry.py.
"""

import sys
from pathlib import Path

from guide.tools.source_entry import main

# The project this script belongs to, whatever folder it is run from.
ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], root=ROOT))
