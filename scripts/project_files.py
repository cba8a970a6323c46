#!/usr/bin/env python3
"""Print the files a build reads: `make handout` rebuilds when one is newer than the site.

A thin entry point: the command lives in guide/tools/project_copy.py.
"""

import sys

from guide.tools.project_copy import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
