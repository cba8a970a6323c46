#!/usr/bin/env python3
"""Time the content checker on 1,000 synthetic pages (part of `make bench`).

A thin entry point: the command lives in guide/tools/speed/checker_speed.py.
"""

import sys

from guide.tools.speed.checker_speed import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
