"""Demo attachments: scanned letters and photos on some requests, agencies' answer letters on
some answered referrals, scanned minutes on some held meetings (a part of DemoGenerator).

The files are made here, small and real: a one-page PDF drawn with reportlab (a letterhead rule,
the case's code and a few lines standing for text) and a PNG photo of one colour. At most a few
hundred are added whatever the demo's size, so a million-request benchmark stays quick.
"""

from __future__ import annotations

import hashlib
import io
import random
import struct
import zlib
from datetime import datetime, time

from sqlalchemy import insert, select

from app.models import Attachment, AttachmentContent, Meeting, Referral, Request
from app.models.database import Database
from app.models.enums import MeetingStatus, ReferralStatus
from app.services.core import audit, jalali
from app.services.core.context import SYSTEM

MAX_REQUESTS, MAX_REFERRALS, MAX_MEETINGS = 120, 60, 20
SEED = 140513  # its own stream: the requests a seed gives do not move


def letter_pdf(code: str, pages: int = 1) -> bytes:
    """A small PDF that looks like a scanned letter: a rule, a code and lines of «text»."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=True)
    for page in range(pages):
        c.setLineWidth(2)
        c.line(60, 780, 535, 780)
        c.drawString(60, 790, f"{code}  ({page + 1}/{pages})")
        c.setLineWidth(0.6)
        for i in range(14):
            c.line(60, 740 - i * 22, 535 - (i * 37) % 160, 740 - i * 22)
        c.showPage()
    c.save()
    return buf.getvalue()


def photo_png(rng: random.Random, width: int = 64, height: int = 48) -> bytes:
    """A whole PNG of one colour (a stand-in for a photo of the place)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    row = b"\x00" + bytes([rng.randrange(256) for _ in range(3)]) * width
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def add_demo_attachments(db: Database, staff: list[int]) -> int:
    """Attach demo files to a sample of requests, answered referrals and held meetings."""
    rng = random.Random(SEED)
    with db.read() as s:
        requests = s.execute(select(Request.id, Request.tracking_code, Request.received_at)
                             .order_by(Request.id)).all()
        referrals = s.execute(select(Referral.id, Referral.response_letter_no,
                                     Referral.response_date, Referral.letter_no)
                              .where(Referral.status == ReferralStatus.ANSWERED)
                              .order_by(Referral.id)).all()
        meetings = s.execute(select(Meeting.id, Meeting.ends_at)
                             .where(Meeting.status == MeetingStatus.HELD)
                             .order_by(Meeting.id)).all()
    rows: list[tuple[dict, bytes]] = []

    def add(owner: dict, name: str, data: bytes, mime: str, ext: str, at: datetime) -> None:
        kind = "pdf" if ext == "pdf" else "image"
        rows.append(({**owner, "name": name, "kind": kind, "mime": mime, "extension": ext,
                      "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                      "created_at": at, "created_by": rng.choice(staff) if staff else None,
                      "removed_reason": "", "version": 1}, data))

    for rid, code, received in rng.sample(requests, min(MAX_REQUESTS, len(requests))):
        if rng.random() < 0.65:
            add({"request_id": rid}, f"نامهٔ شهروند {code}.pdf",
                letter_pdf(code, rng.choice((1, 1, 2))), "application/pdf", "pdf", received)
        else:
            add({"request_id": rid}, f"عکس محل {code}.png", photo_png(rng), "image/png", "png",
                received)
    for ref_id, answer_no, answered, letter_no in rng.sample(
            referrals, min(MAX_REFERRALS, len(referrals))):
        at = jalali.tehran_to_utc(datetime.combine(answered, time(11))) \
            if answered else jalali.utc_now()
        add({"referral_id": ref_id}, f"پاسخ دستگاه {answer_no or letter_no}.pdf",
            letter_pdf(answer_no or letter_no), "application/pdf", "pdf", at)
    for mid, ends in rng.sample(meetings, min(MAX_MEETINGS, len(meetings))):
        add({"meeting_id": mid}, "صورتجلسهٔ دیدار مردمی.pdf", letter_pdf(f"M-{mid}", 2),
            "application/pdf", "pdf", ends)
    if not rows:
        return 0
    with db.write() as s:
        for meta, data in rows:
            new_id = s.execute(insert(Attachment).values(**meta).returning(Attachment.id)).scalar()
            s.execute(insert(AttachmentContent).values(attachment_id=new_id, data=data))
        audit.record(s, SYSTEM, "demo", None, "bulk_load", None, {"attachments": len(rows)})
    return len(rows)
