#!/usr/bin/env python3
"""Print the safety handout PDFs into a built site: `make handout` runs it.

A thin entry point: the command lives in guide/tools/handout_pdf.py.
"""

import sys

from guide.tools.handout_pdf import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
