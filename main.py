"""Pol's entry point: `python main.py [--demo] [--db URL] [command …]` (see app.cli)."""

import sys

from app import startup_probe
from app.cli import main

if __name__ == "__main__":
    startup_probe.install()  # does nothing unless POL_STARTUP_PROBE is set (smoke test, benchmark)
    sys.exit(main())
