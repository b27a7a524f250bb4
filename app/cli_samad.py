"""The `samad` verbs (issue 14 §2): `reconcile` a SAMAD export with Pol, export the `answers`.

Counts and dates are printed with Persian digits; SAMAD and tracking codes stay as stored
(Latin digits), as the clerk types them into SAMAD's search box. A bad file ends with a Persian
message on stderr and exit code 2 (app.cli.main turns every PolError into that).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def add_verbs(sub: argparse._SubParsersAction) -> None:
    """The `samad` verb and its sub-verbs."""
    samad = sub.add_parser("samad", help="the SAMAD bridge: reconcile an export, export answers")
    samad_sub = samad.add_subparsers(dest="samad_command", required=True)
    rec = samad_sub.add_parser("reconcile", help="compare a SAMAD export (.csv, .txt, .xlsx) "
                               "with Pol by SAMAD code")
    rec.add_argument("file", metavar="FILE")
    rec.add_argument("--json", action="store_true", help="print the result as JSON")
    ans = samad_sub.add_parser("answers", help="the quarter's answers and referrals of SAMAD "
                               "requests, as .xlsx for entry into SAMAD")
    ans.add_argument("--year", type=int, required=True, help="Jalali year")
    ans.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])
    ans.add_argument("--out", required=True, help="output file (.xlsx)")
    ans.add_argument("--only-new", action="store_true",
                     help="leave out rows exported before exactly as they are now")
    ans.add_argument("--json", action="store_true", help="print the summary as JSON")


def cmd_samad(args: argparse.Namespace, services) -> int:  # noqa: ANN001 - Services
    """Run `samad reconcile` or `samad answers` as the system (the whole province)."""
    from app.services.core.context import SYSTEM

    if args.samad_command == "reconcile":
        result = services.samad.reconcile(SYSTEM, Path(args.file))
        if args.json:
            print(json.dumps(result.to_json(), ensure_ascii=False))
        else:
            print(reconcile_text(Path(args.file).name, result))
        return 0
    from app.errors import PolError

    if Path(args.out).suffix.lower() != ".xlsx":
        raise PolError("فایل خروجی باید پسوند ‎.xlsx‎ داشته باشد.")
    done = services.samad.export_answers(SYSTEM, args.year, args.quarter, Path(args.out),
                                         only_new=args.only_new)
    if args.json:
        print(json.dumps({"out": done.out, "rows": done.rows, "new": done.new,
                          "changed": done.changed, "exported_before": done.exported_before},
                         ensure_ascii=False))
    else:
        print(answers_text(args.year, args.quarter, done))
    return 0


def reconcile_text(name: str, r) -> str:  # noqa: ANN001 - ReconcileResult
    """The result in plain Persian, one code a line under each heading."""
    from app.services.core import jalali
    from app.services.core.persian import to_persian_digits as fa

    span = (f"، دریافت از {jalali.format_jalali(r.date_from)} تا {jalali.format_jalali(r.date_to)}"
            if r.date_from and r.date_to else "")
    lines = [f"مقایسهٔ فایل «{name}» با پل: {fa(r.rows)} ردیف{span}؛ "
             f"{fa(r.matched)} کد در هر دو."]
    lines.append(f"در سامد هست و در پل نیست: {fa(len(r.in_samad_only))}")
    lines += [f"  {c}" for c in r.in_samad_only]
    lines.append(f"در پل هست و در فایل سامد نیست: {fa(len(r.in_pol_only))}")
    lines += [f"  {c}" for c in r.in_pol_only]
    lines.append(f"وضعیت ناهمسان: {fa(len(r.status_differs))}")
    lines += [f"  {d.code} — پل: {d.pol_status}؛ سامد: {d.file_status}" for d in r.status_differs]
    if r.pol_without_code:
        lines.append(f"درخواست‌های سامد در پل بدون کد سامد: {fa(len(r.pol_without_code))}")
        lines += [f"  {c}" for c in r.pol_without_code]
    if r.unknown_statuses:
        lines.append("وضعیت‌های ناشناخته (مقایسه نشد): " + "، ".join(r.unknown_statuses))
    if r.out_of_scope:
        lines.append(f"{fa(r.out_of_scope)} ردیف از شهرستان‌های بیرون از دسترسی شما بود.")
    lines += r.warnings
    return "\n".join(lines)


def answers_text(year: int, quarter: int, done) -> str:  # noqa: ANN001 - AnswersExport
    """What `samad answers` wrote, in plain Persian."""
    from app.services.core import jalali
    from app.services.core.persian import to_persian_digits as fa

    return (f"پاسخ‌های {jalali.quarter_label(year, quarter)} برای سامد در «{Path(done.out).name}» "
            f"نوشته شد: {fa(done.rows)} ردیف؛ {fa(done.new)} تازه، {fa(done.changed)} تغییرکرده، "
            f"{fa(done.exported_before)} پیش‌تر صادرشده.")
