#!/usr/bin/env python3
"""The verification pass on any built site (guide/tools/site_verify.py says more).

A thin entry point: the command lives in guide/tools/site_verify.py.
"""

import sys
from pathlib import Path

from guide.tools.site_verify import main

# The project this script belongs to, whatever folder it is run from.
ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], root=ROOT))
