#!/usr/bin/env python3
"""Build the site into site/, only ever whole: `make build` runs it.

A thin entry point: the command lives in guide/tools/atomic_build.py.
"""

import sys

from guide.tools.atomic_build import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
