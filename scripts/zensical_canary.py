#!/usr/bin/env python3
"""The Zensical canary: `make canary` runs it (allowed to fail).

A thin entry point: the command lives in guide/tools/canary.py.
"""

import sys
from pathlib import Path

from guide.tools.canary import main

# The project this script belongs to, whatever folder it is run from.
ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], root=ROOT))
