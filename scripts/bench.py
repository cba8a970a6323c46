#!/usr/bin/env python3
"""Measure the build and page speed against plain Material: `make bench` runs it.

A thin entry point: the command lives in guide/tools/speed/runner.py.
"""

import sys

from guide.tools.speed.runner import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
