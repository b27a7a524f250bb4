"""Pol's entry point: `python main.py [--demo] [--db URL] [command …]` (see app.cli)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
