"""Repeat detection on the demo data: precision and recall against the repeats the demo planted.

    python benchmarks/repeats_quality.py [--requests 20000] [--seed 1405] [--threshold 45]

Builds a demo database (SQLite, in a temporary folder), takes the list of repeats the generator
planted on purpose (app/demo/repeats.py), and runs the detection over every request as its
registration would have seen it (services.requests.repeats.same_matter: the same person, an
earlier request open or closed within the window, likeness at or over the threshold). A pair
found is right when it is a planted (repeat, original) pair.

Accidental repeats exist in the demo too (a citizen who happened to bring the same subject
twice): they count as false here, so the precision printed is a lower bound.
Prints one line per threshold (percent), then the office's default threshold's figures as JSON.

Measured 2026-11-30 (20,000 demo requests, 600 repeats planted; the measure of
services.requests.repeats.measure, 90-day window):

    seed 1405, threshold 75%: found 804, right 560: precision 0.697 (0.991 counting the 237
        accidental same-subject pairs), recall 0.933; 70%: 0.657 / 0.933; 80%: 0.698 / 0.922
    seed 7 (held out), 75%: found 797, right 555: precision 0.696 (0.982), recall 0.925

75% is the knee (below it false pairs grow fast, above it recall falls), hence the default of
the «آستانهٔ شباهت درخواست‌ها» setting. What is missed is the «vague» kind (a second request
that names the matter in other words: 10 of 49 found); every other kind is found (97-100%).
Comparing whole texts instead (pg_trgm similarity of subject + body) found 2,756 pairs at 45%
for 550 right: the courtesies every letter shares outweighed the matter.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

THRESHOLDS = (40, 50, 60, 65, 70, 75, 80, 85, 90)


def build(path: Path, requests: int, seed: int, today: date | None):  # noqa: ANN201
    """A demo database; returns (database, planted repeats)."""
    from app.demo.generator import DemoGenerator
    from app.models.database import Database
    from app.services.core.reference import prepare_database

    db = Database(f"sqlite:///{path}")
    prepare_database(db)
    gen = DemoGenerator(db, seed=seed, today=today)
    gen.run(requests)
    return db, gen.planted_repeats


def items(db):  # noqa: ANN001, ANN201
    """Every request with a citizen, as the batch measure sees it."""
    from sqlalchemy import select

    from app.models import Citizen, Request
    from app.services.requests.repeats import Item, person_keys

    with db.read() as s:
        keys = person_keys(s.execute(select(Citizen.id, Citizen.mobile)).all())
        rows = s.execute(select(Request.id, Request.citizen_id, Request.received_at,
                                Request.closed_at, Request.subject, Request.body)
                         .where(Request.citizen_id.is_not(None))).all()
    return [Item(r[0], keys[r[1]], r[2], r[3], r[4], r[5]) for r in rows]


def quality(found: dict[int, tuple[int, float]], truth: dict[int, int],
            subjects: dict[int, str]) -> dict[str, float]:
    """Pair precision and recall (and request-level recall: flagged at all).

    `accidental`: pairs found that were not planted but have the very same subject (the
    generator drew the same subject twice for one citizen: a repeat in all but intent);
    `precision_beyond_accidental` counts them as right.
    """
    right = sum(1 for later, (earlier, _) in found.items() if truth.get(later) == earlier)
    accidental = sum(1 for later, (earlier, _) in found.items()
                     if truth.get(later) != earlier and subjects[later] == subjects[earlier])
    flagged = sum(1 for later in truth if later in found)
    return {"found": len(found), "planted": len(truth), "right": right,
            "accidental": accidental,
            "precision": right / len(found) if found else 1.0,
            "precision_beyond_accidental": (right + accidental) / len(found) if found else 1.0,
            "recall": right / len(truth) if truth else 1.0,
            "flagged_recall": flagged / len(truth) if truth else 1.0}


def main(argv: list[str] | None = None) -> int:
    """Build, detect at each threshold, print."""
    from app.services.core.office.dto import spec
    from app.services.requests.repeats import same_matter

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--requests", type=int, default=20000)
    p.add_argument("--seed", type=int, default=1405)
    p.add_argument("--today", help="pretend today is this Gregorian date (YYYY-MM-DD)")
    p.add_argument("--window", type=int, default=int(spec("repeat_window_days").default))
    args = p.parse_args(argv)
    today = date.fromisoformat(args.today) if args.today else None
    with tempfile.TemporaryDirectory(prefix="pol-repeats-") as tmp:
        t = time.perf_counter()
        db, planted = build(Path(tmp) / "demo.sqlite3", args.requests, args.seed, today)
        built = time.perf_counter() - t
        rows = items(db)
        db.dispose()
    truth = {p.repeat_id: p.original_id for p in planted}
    subjects = {r.id: r.subject for r in rows}
    print(f"demo: {args.requests} requests (seed {args.seed}), {len(truth)} repeats planted, "
          f"built in {built:.0f} s")
    by_how: dict[str, list[int]] = {}
    for pr in planted:
        by_how.setdefault(pr.how, []).append(pr.repeat_id)
    default = int(spec("repeat_similarity").default)
    summary = {}
    for pct in sorted({*THRESHOLDS, default}):
        t = time.perf_counter()
        found = same_matter(rows, pct / 100, args.window)
        took = time.perf_counter() - t
        q = quality(found, truth, subjects)
        hows = " ".join(f"{how}={sum(1 for r in ids if truth[r] == found.get(r, (0,))[0])}"
                        f"/{len(ids)}" for how, ids in sorted(by_how.items()))
        print(f"threshold {pct:3d}%: found {q['found']:5d}, right {q['right']:5d}, "
              f"precision {q['precision']:.3f} ({q['precision_beyond_accidental']:.3f} with "
              f"{q['accidental']} accidental), recall {q['recall']:.3f} "
              f"(flagged {q['flagged_recall']:.3f}) [{hows}] {took:.1f} s")
        if pct == default:
            summary = {"threshold_percent": pct, **q}
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
