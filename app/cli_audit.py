"""The `audit verify` verb: the hash chain, a printed head, and changes made outside Pol."""

from __future__ import annotations

import argparse
import json

from app.errors import PolError, SchemaNeedsUpgrade, ValidationError


def add_verbs(sub: argparse._SubParsersAction) -> None:
    """Register `audit verify [--head HASH] [--json]`."""
    audit = sub.add_parser("audit", help="check the audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    v = audit_sub.add_parser("verify", help="check the hash chain and report every change made "
                                            "outside Pol (exit 1 when anything is found)")
    v.add_argument("--head", metavar="HASH",
                   help="the head hash printed on a report (64 hex digits or its first 16)")
    v.add_argument("--json", action="store_true", help="print the findings as JSON")


def cmd_audit(args: argparse.Namespace, url: str) -> int:
    """Verify the audit trail; 0 when all is well, 1 when anything was found."""
    from app.models.database import Database, SchemaState
    from app.services.core.audit_verify import HEAD_FIELD, normalize_head, verify

    if args.head is not None:
        try:
            normalize_head(args.head)
        except ValidationError as exc:  # one Persian line, not the form's field listing
            raise PolError(exc.errors[HEAD_FIELD]) from exc
    db = Database(url)
    try:
        db.check(full=False)
        # Verifying reads only: it never migrates (an inspector's login could not).
        if db.schema_state() in (SchemaState.EMPTY, SchemaState.BEHIND):
            raise SchemaNeedsUpgrade()
        report = verify(db, args.head)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        print("\n".join(report.lines()))
    return 0 if report.ok else 1
