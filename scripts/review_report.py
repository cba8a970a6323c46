#!/usr/bin/env python3
"""The weekly list of pages overdue for review (.github/workflows/review-due.yml).

A thin entry point: the command lives in guide/tools/overdue_report.py.
"""

import sys
from pathlib import Path

from guide.tools.overdue_report import main

# The project this script belongs to, whatever folder it is run from.
ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], root=ROOT))
