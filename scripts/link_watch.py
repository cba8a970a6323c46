#!/usr/bin/env python3
"""The weekly dead-link watch (.github/workflows/link-watch.yml).

A thin entry point: the command lives in guide/tools/dead_links.py.
"""

import sys
from pathlib import Path

from guide.tools.dead_links import main

# The project this script belongs to, whatever folder it is run from.
ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], root=ROOT))
