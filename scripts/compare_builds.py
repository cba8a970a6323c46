#!/usr/bin/env python3
"""Compare two builds file by file: `make properdocs` runs it.

A thin entry point: the command lives in guide/tools/build_diff.py.
"""

import sys

from guide.tools.build_diff import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
