"""Delivering the outbox through the office's HTTP gateway: claim, send, record — at most once.

1. Claim: a conditional UPDATE (status queued, unclaimed or its claim gone stale) stamps a
   token on each due row; the row count says whether this desk got it. On PostgreSQL a second
   desk's UPDATE waits for the first's commit and then finds the row claimed; SQLite writes one
   at a time. No SELECT … FOR UPDATE, so both databases run the same statement.
2. Send, outside any transaction: the gateway gets the message's idempotency key every time
   (as {id} and the «Idempotency-Key» header), so a retry after a lost reply is one message.
3. Record, only while the token is still ours: sent; or a retry with exponential backoff; or
   failed after the last attempt. A row marked sent is never claimed again.

Only the configured gateway ever receives a mobile number; the log names message ids only.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import timedelta

from sqlalchemy import or_, select, update

from app.models import Citizen
from app.models.database import Database
from app.models.sms import SmsMessage
from app.services.core import jalali
from app.services.sms import rules
from app.services.sms.dto import GET, GatewayConfig, SendSummary

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)  # a claim older than this was left by a desk that died mid-send
BACKOFF_FIRST = timedelta(seconds=30)
BACKOFF_MAX = timedelta(hours=1)
REPLY_MAX = 500


def backoff(attempts: int) -> timedelta:
    """The wait before the next try after `attempts` failed ones: 30 s, 1 min, 2 min … 1 h."""
    return min(BACKOFF_FIRST * (2 ** max(attempts - 1, 0)), BACKOFF_MAX)


def build_request(cfg: GatewayConfig, api_key: str, mobile: str, text: str,
                  key: str) -> urllib.request.Request:
    """The HTTP request of one message, placeholders filled and URL-encoded."""
    values = {"mobile": mobile, "text": text, "key": api_key, "id": key}

    def fill(template: str, quote: bool) -> str:
        out = template
        for name, value in values.items():
            out = out.replace("{" + name + "}", urllib.parse.quote(value, safe="") if quote
                              else value)
        return out

    url = fill(cfg.url.strip(), quote=True)
    pairs = [(n.strip(), fill(v.strip(), quote=False)) for n, v in
             (line.split("=", 1) for line in cfg.params.splitlines() if "=" in line)]
    headers = {"Idempotency-Key": key, "User-Agent": "Pol-SMS/1"}
    if cfg.method.upper() == GET:
        if pairs:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(pairs)
        return urllib.request.Request(url, headers=headers, method="GET")
    body = urllib.parse.urlencode(pairs).encode("utf-8")
    headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
    return urllib.request.Request(url, data=body, headers=headers, method="POST")


def _post(cfg: GatewayConfig, api_key: str, mobile: str, text: str,
          key: str) -> tuple[bool, str]:
    """Send one message; (accepted, the gateway's reply or the error, without the API key)."""
    req = build_request(cfg, api_key, mobile, text, key)
    try:
        # The opener ignores proxy settings: a mobile number goes to the gateway and nowhere else.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(req, timeout=cfg.timeout_s) as resp:
            reply = resp.read(4096).decode("utf-8", "replace")
            ok, what = 200 <= resp.status < 300, f"{resp.status} {reply}"
    except urllib.error.HTTPError as exc:
        ok, what = False, f"{exc.code} {exc.read(1024).decode('utf-8', 'replace')}"
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        ok, what = False, f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
    if api_key:
        what = what.replace(api_key, "***")
    return ok, what.strip()[:REPLY_MAX]


def claim(db: Database, limit: int) -> tuple[str, list[int]]:
    """Stamp this desk's token on up to `limit` due messages; (token, the ids it got)."""
    token, now = uuid.uuid4().hex, jalali.utc_now()
    stale = now - LEASE
    free = or_(SmsMessage.claim_token.is_(None), SmsMessage.claimed_at < stale)
    got: list[int] = []
    with db.write() as s:
        # A citizen who said no since the message was written gets nothing.
        s.execute(update(SmsMessage).where(
            SmsMessage.status == rules.QUEUED, free,
            SmsMessage.citizen_id.in_(select(Citizen.id).where(Citizen.sms_opt_out)))
            .values(status=rules.HELD, updated_at=now))
        due = s.scalars(select(SmsMessage.id).where(
            SmsMessage.status == rules.QUEUED, free,
            or_(SmsMessage.next_try_at.is_(None), SmsMessage.next_try_at <= now))
            .order_by(SmsMessage.id).limit(limit)).all()
        for mid in due:
            done = s.execute(update(SmsMessage).where(
                SmsMessage.id == mid, SmsMessage.status == rules.QUEUED, free)
                .values(claim_token=token, claimed_at=now)
                .execution_options(synchronize_session=False))
            if done.rowcount == 1:
                got.append(mid)
    return token, got


def _record(db: Database, mid: int, token: str, ok: bool, reply: str,
            max_attempts: int) -> str:
    """Write one try's outcome while the claim is ours; the status it left (or "" if lost)."""
    now = jalali.utc_now()
    with db.write() as s:
        row = s.get(SmsMessage, mid)
        if row is None or row.claim_token != token or row.status != rules.QUEUED:
            return ""
        row.attempts += 1
        row.gateway_reply = reply
        row.claim_token, row.claimed_at, row.updated_at = None, None, now
        if ok:
            row.status, row.sent_at, row.next_try_at = rules.SENT, now, None
        elif row.attempts >= max_attempts:
            row.status, row.next_try_at = rules.FAILED, None
        else:
            row.next_try_at = now + backoff(row.attempts)
        return row.status


def send_due(db: Database, cfg: GatewayConfig, api_key: str, limit: int = 50) -> SendSummary:
    """One sending round: claim what is due, send each, record each outcome."""
    summary = SendSummary()
    if not cfg.enabled:
        return summary
    token, ids = claim(db, limit)
    for mid in ids:
        with db.read() as s:
            row = s.get(SmsMessage, mid)
            assert row is not None
            mobile, text, key = row.mobile, row.text, row.idempotency_key
        ok, reply = _post(cfg, api_key, mobile, text, key)
        status = _record(db, mid, token, ok, reply, cfg.max_attempts)
        log.info("sms %s: %s", mid, status or "claim lost")
        if status == rules.SENT:
            summary.sent += 1
        elif status == rules.FAILED:
            summary.failed += 1
            summary.problems.append(reply)
        elif status == rules.QUEUED:
            summary.retried += 1
            summary.problems.append(reply)
        else:
            summary.skipped += 1
    return summary
