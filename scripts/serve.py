#!/usr/bin/env python3
"""Serve the site, rebuilding on every save: `make serve` runs it.

A thin entry point: the command lives in guide/tools/live_server.py.
"""

import sys

from guide.tools.live_server import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
