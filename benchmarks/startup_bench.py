"""Start-up benchmark of the frozen app: from launching dist/Pol/Pol to the inbox showing rows.

    python benchmarks/startup_bench.py [--requests 10000] [--runs 5] [--app dist/Pol/Pol]

Fills a demo database once (the frozen app's own `demo` verb), then launches `Pol --demo --db …`
on the offscreen platform `runs` times, each a cold process in a fresh user folder. The app's
start-up probe (app/startup_probe.py, POL_STARTUP_PROBE=quit) logs the wall-clock moment the main
window showed and the moment the inbox had its first rows, then closes the window. Target
(issue 15): first rows within 3 s. The first run also pays the disk cache; the median is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_APP = ROOT / "dist" / "Pol" / ("Pol.exe" if sys.platform == "win32" else "Pol")
PROBE = re.compile(r"startup probe: (main window shown|inbox shows \d+ rows) at epoch ([\d.]+)")
STARTS = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) INFO app.bootstrap .* Pol starts", re.M)
TARGET_S = 3.0


def user_env(home: Path) -> dict[str, str]:
    """An ordinary user's environment: no venv, per-user folders under `home`, offscreen Qt."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update({"HOME": str(home), "XDG_DATA_HOME": str(home / "share"),
                "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
                "XDG_CACHE_HOME": str(home / "cache"), "POL_DATA_DIR": str(home / "data"),
                "POL_LOG_DIR": str(home / "logs"), "QT_QPA_PLATFORM": "offscreen"})
    return env


def one_start(command: list[str], db_file: Path, work: Path) -> dict[str, float]:
    """Launch once; seconds from launch to Python running Pol's code (its first log line), to
    the window and to the inbox's first rows."""
    home = Path(tempfile.mkdtemp(prefix="start-", dir=work))
    env = {**user_env(home), "POL_STARTUP_PROBE": "quit"}
    launched = time.time()
    done = subprocess.run([*command, "--demo", "--db", f"sqlite:///{db_file}"], env=env,
                          cwd=work, capture_output=True, text=True, timeout=300)
    log = (home / "logs" / "pol.log").read_text(encoding="utf-8")
    marks = {("window" if m.group(1).startswith("main") else "first_rows"): float(m.group(2))
             for m in PROBE.finditer(log)}
    started = STARTS.search(log)
    if started:  # the log's own local-time stamp, to the millisecond
        stamp = time.mktime(time.strptime(started.group(1), "%Y-%m-%d %H:%M:%S"))
        marks["code_running"] = stamp + int(started.group(2)) / 1000
    if "first_rows" not in marks:
        raise SystemExit(f"no probe line (exit {done.returncode}):\n{log[-2000:]}\n{done.stderr}")
    return {k: round(v - launched, 3) for k, v in marks.items()}


def main() -> int:
    """Fill once, start several times, print the figures as JSON."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--app", type=Path, default=DEFAULT_APP)
    p.add_argument("--requests", type=int, default=10_000)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--source", action="store_true",
                   help="also time `python main.py` from this checkout, for comparison")
    args = p.parse_args()
    if not args.app.is_file():
        raise SystemExit(f"{args.app} is missing: python packaging/build.py")
    work = Path(tempfile.mkdtemp(prefix="pol-startup-"))
    try:
        db_file = work / "demo.sqlite3"
        fill_home = work / "fill"
        subprocess.run([str(args.app), "--db", f"sqlite:///{db_file}", "demo", "--requests",
                        str(args.requests)], env=user_env(fill_home), cwd=work, check=True,
                       capture_output=True, timeout=3600)
        runs = [one_start([str(args.app)], db_file, work) for _ in range(args.runs)]
        source = [one_start([sys.executable, str(ROOT / "main.py")], db_file, work)
                  for _ in range(args.runs)] if args.source else []
    finally:
        shutil.rmtree(work, ignore_errors=True)
    first_rows = statistics.median(r["first_rows"] for r in runs)
    result = {"requests": args.requests, "load_average": os.getloadavg(), "frozen": runs,
              **{f"median_{k}_s": statistics.median(r[k] for r in runs)
                 for k in ("code_running", "window", "first_rows")},
              "target_s": TARGET_S, "within_target": first_rows <= TARGET_S}
    if source:
        result["source"] = source
        result["source_median_first_rows_s"] = statistics.median(r["first_rows"] for r in source)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
