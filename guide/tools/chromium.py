"""Find the Chromium or Chrome to drive, and the flags to launch it with.

One place for this, shared by the browser tests, the handout PDFs and the
benchmark. Tools must never download a browser of their own: it fails
offline and tests something other than what readers use.
"""

from __future__ import annotations

import os
import shutil

# Checked first, so a contributor or a CI runner can point at any browser.
ENV_VARS = ("CHROMIUM", "CHROME_PATH")
# Debian and Ubuntu name it chromium; GitHub's runners ship Google Chrome.
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Quiet, offline-friendly flags: no sandbox (containers run as root), no GPU,
# and no background traffic that would spoil the "no outside request" check.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium() -> str | None:
    """The path of a usable Chromium or Chrome, or None if there is none.

    A variable that names no runnable browser is an error, not a silent
    fall-back: the person who set it meant that browser.
    """
    for var in ENV_VARS:
        value = os.environ.get(var)
        if value:
            found = shutil.which(value)
            if not found:
                raise FileNotFoundError(
                    f"{var}={value!r} is not a runnable browser. "
                    f"Fix the path, or unset {var} to use {' or '.join(NAMES)} from PATH.")
            return found
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def missing_browser_message() -> str:
    return ("No Chromium or Chrome found. Install one (Debian: apt-get install chromium) "
            f"or set {' or '.join(ENV_VARS)} to its path.")
