"""SMS use cases: the outbox list, marking by hand, opt-out, templates, gateway, sending."""

from __future__ import annotations

import ipaddress
import json
import urllib.parse

from sqlalchemy import ColumnElement, func, or_, select, update

from app.errors import NotFound, ValidationError
from app.models import Citizen, Meeting, Request, Setting
from app.models.database import Database
from app.models.sms import SmsMessage, SmsTemplate
from app.services.core import audit, jalali, persian, scope
from app.services.core import messages as msg
from app.services.core.context import Actor, require
from app.services.sms import outbox, rules, sender
from app.services.sms.dto import (
    GET,
    POST,
    GatewayConfig,
    OutboxPage,
    OutboxRow,
    SendSummary,
    TemplateInfo,
)

GATEWAY_KEY = "sms_gateway"  # the `setting` row holding the gateway's JSON (never the API key)
KEYRING_ACCOUNT = "sms-gateway"  # where the views keep the API key in the OS keyring


def gateway_errors(cfg: GatewayConfig) -> dict[str, str]:
    """Why a gateway setting is not acceptable (field -> Persian message)."""
    errors: dict[str, str] = {}
    if cfg.method.upper() not in (GET, POST):
        errors["method"] = msg.SMS_GATEWAY_METHOD
    url = cfg.url.strip()
    if url:
        parts = urllib.parse.urlsplit(url.replace("{", "").replace("}", ""))
        host = parts.hostname or ""
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        # Mobile numbers and the key travel in the clear over http: only to this very machine.
        if not (parts.scheme == "https" and host) and not (parts.scheme == "http" and loopback):
            errors["url"] = msg.SMS_GATEWAY_URL
    if any("=" not in line for line in cfg.params.splitlines() if line.strip()):
        errors["params"] = msg.SMS_GATEWAY_PARAM
    if not 1 <= cfg.timeout_s <= 60:
        errors["timeout_s"] = msg.SMS_GATEWAY_TIMEOUT
    return errors


def _outbox_where(status: str | None, actor: Actor | None) -> list[ColumnElement[bool]]:
    """The outbox filter: one status, and for a county-scoped user the server's policy (applied
    to a local file too)."""
    where: list[ColumnElement[bool]] = []
    if status:
        where.append(SmsMessage.status == status)
    if scope.is_scoped(actor):
        assert actor is not None and actor.counties is not None
        counties = sorted(actor.counties)
        req, meet = Request.__table__.c, Meeting.__table__.c
        where += [or_(SmsMessage.request_id.is_(None), SmsMessage.request_id.in_(
                      select(req.id).where(req.county_id.in_(counties)))),
                  or_(SmsMessage.meeting_id.is_(None), SmsMessage.meeting_id.in_(
                      select(meet.id).where(meet.county_id.in_(counties))))]
    return where


def _outbox_row(m: SmsMessage, first: str | None, last: str | None,
                code: str | None) -> OutboxRow:
    """A message as the list shows it."""
    return OutboxRow(m.id, m.citizen_id, m.kind, rules.KIND_LABELS.get(m.kind, m.kind), m.status,
                     rules.STATUS_LABELS.get(m.status, m.status), f"{first or ''} {last or ''}".strip(),
                     m.mobile, code or "", m.text, m.parts, m.attempts, m.created_at, m.sent_at,
                     m.next_try_at, m.gateway_reply)


class SmsService:
    """Messages to citizens; each call is one short transaction and returns plain data."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- the outbox ----------------------------------------------------------------------------

    def outbox(self, status: str | None = None, limit: int = 500,
               actor: Actor | None = None) -> list[OutboxRow]:
        """The newest messages, optionally of one status."""
        return self.outbox_page(status, 0, limit, with_total=False, actor=actor).rows

    def outbox_page(self, status: str | None = None, offset: int = 0, limit: int = 200,
                    with_total: bool = True, actor: Actor | None = None) -> OutboxPage:
        """One page of messages, newest first, filtered in SQL, with the filter's count."""
        with scope.read(self.db, actor) as s:
            q = (select(SmsMessage, Citizen.first_name, Citizen.last_name, Request.tracking_code)
                 .join(Citizen, Citizen.id == SmsMessage.citizen_id)
                 .outerjoin(Request, Request.id == SmsMessage.request_id)
                 .where(*_outbox_where(status, actor))
                 .order_by(SmsMessage.id.desc()).offset(offset).limit(limit))
            rows = [_outbox_row(m, first, last, code) for m, first, last, code in s.execute(q)]
            total = -1
            if with_total:
                total = s.scalar(select(func.count()).select_from(SmsMessage)
                                 .where(*_outbox_where(status, actor))) or 0
            return OutboxPage(rows, total, offset)

    def counts(self) -> dict[str, int]:
        """How many messages there are of each status."""
        with self.db.read() as s:
            rows = s.execute(select(SmsMessage.status, func.count()).group_by(SmsMessage.status))
            return {st: 0 for st in rules.STATUSES} | {st: n for st, n in rows}

    def mark_sent(self, actor: Actor, ids: list[int]) -> int:
        """The office sent these another way (no gateway): mark them sent; returns how many."""
        require(actor, "request.write")
        now = jalali.utc_now()
        with self.db.write() as s:
            scope.limit(s, actor)
            done = 0
            for mid in ids:
                row = s.get(SmsMessage, mid)
                if row is None:
                    raise NotFound(msg.SMS_MESSAGE)
                if row.status not in (rules.QUEUED, rules.FAILED) or row.claim_token:
                    raise ValidationError({"status": msg.SMS_ONLY_QUEUED})
                row.status, row.sent_at, row.updated_at = rules.SENT, now, now
                row.sent_by_hand = actor.user_id
                row.gateway_reply = "sent by hand"
                audit.record(s, actor, "sms", mid, "sent_by_hand", None, {"id": mid})
                done += 1
            return done

    def retry(self, actor: Actor, ids: list[int]) -> int:
        """Put failed messages back in the queue with a fresh count of attempts (same key, so
        the gateway still knows any it did deliver)."""
        require(actor, "request.write")
        now = jalali.utc_now()
        with self.db.write() as s:
            scope.limit(s, actor)
            done = s.execute(update(SmsMessage).where(
                SmsMessage.id.in_(ids), SmsMessage.status == rules.FAILED)
                .values(status=rules.QUEUED, attempts=0, next_try_at=None, updated_at=now)
                .execution_options(synchronize_session=False)).rowcount
            for mid in ids:
                audit.record(s, actor, "sms", mid, "retry", None, {"id": mid})
            return done

    def set_opt_out(self, actor: Actor, citizen_id: int, opt_out: bool) -> int:
        """Record the citizen's say; saying no holds their queued messages. Returns held."""
        require(actor, "request.write")
        with self.db.write() as s:
            c = s.get(Citizen, citizen_id)
            if c is None:
                raise NotFound(msg.CITIZEN)
            before = audit.snapshot(c)
            c.sms_opt_out = opt_out
            held = 0
            if opt_out:
                held = s.execute(update(SmsMessage).where(
                    SmsMessage.citizen_id == citizen_id, SmsMessage.status == rules.QUEUED,
                    SmsMessage.claim_token.is_(None))
                    .values(status=rules.HELD, updated_at=jalali.utc_now())
                    .execution_options(synchronize_session=False)).rowcount
            s.flush()
            audit.record(s, actor, "citizen", c.id, "sms_opt_out", before, audit.snapshot(c))
            return held

    # --- templates -----------------------------------------------------------------------------

    def widest_values(self) -> dict[str, str]:
        """The longest value of each placeholder in this database (read once by the editor)."""
        with self.db.read() as s:
            return outbox.widest_values(s)

    @staticmethod
    def measure(kind: str, text: str, widest: dict[str, str]) -> TemplateInfo:
        """The template's longest rendering: characters and parts (no database)."""
        c = rules.count(rules.render(text, widest))
        return TemplateInfo(kind, rules.KIND_LABELS[kind], text, rules.ALLOWED[kind], c.units,
                            c.parts)

    def templates(self) -> list[TemplateInfo]:
        """Every kind's template with its longest rendering."""
        with self.db.read() as s:
            widest = outbox.widest_values(s)
            return [self.measure(k, outbox.template_text(s, k), widest) for k in rules.KINDS]

    def save_template(self, actor: Actor, kind: str, text: str) -> TemplateInfo:
        """Store a kind's template; refused when its longest rendering exceeds 3 parts."""
        require(actor, "reference.manage")
        clean = persian.clean_text(text)
        if not clean:
            raise ValidationError({"text": msg.SMS_TEMPLATE_EMPTY})
        unknown = rules.unknown_placeholders(kind, clean)
        if unknown:
            raise ValidationError({"text": msg.sms_unknown_placeholder(unknown)})
        with self.db.write() as s:
            info = self.measure(kind, clean, outbox.widest_values(s))
            if info.longest_parts > rules.MAX_PARTS:
                raise ValidationError({"text": msg.sms_template_too_long(info.longest_parts,
                                                                         info.longest_units)})
            row = s.get(SmsTemplate, kind)
            before = {"kind": kind, "text": row.text if row else ""}
            if row is None:
                row = SmsTemplate(kind=kind, text=clean)
                s.add(row)
            row.text, row.updated_at, row.updated_by = clean, jalali.utc_now(), actor.user_id
            audit.record(s, actor, "setting", None, "sms_template", before,
                         {"kind": kind, "text": clean})
            return info

    # --- the gateway ---------------------------------------------------------------------------

    def gateway(self) -> GatewayConfig:
        """The gateway settings (no gateway when none are stored or they cannot be read)."""
        with self.db.read() as s:
            raw = s.scalar(select(Setting.value).where(Setting.key == GATEWAY_KEY))
        try:
            data = json.loads(raw) if raw else {}
            return GatewayConfig(**{k: data[k] for k in GatewayConfig.__dataclass_fields__
                                    if k in data})
        except (ValueError, TypeError):
            return GatewayConfig()

    def save_gateway(self, actor: Actor, cfg: GatewayConfig) -> GatewayConfig:
        """Store the gateway settings (administrators; the API key stays in the keyring)."""
        require(actor, "reference.manage")
        cfg = GatewayConfig(cfg.url.strip(), cfg.method.upper(), cfg.params.strip(),
                            cfg.timeout_s, cfg.max_attempts)
        errors = gateway_errors(cfg)
        if errors:
            raise ValidationError(errors)
        value = json.dumps(cfg.__dict__, ensure_ascii=False)
        with self.db.write() as s:
            row = s.get(Setting, GATEWAY_KEY)
            before = row.value if row else ""
            if row is None:
                s.add(Setting(key=GATEWAY_KEY, value=value))
            else:
                row.value = value
            audit.record(s, actor, "setting", None, GATEWAY_KEY,
                         {"key": GATEWAY_KEY, "value": before},
                         {"key": GATEWAY_KEY, "value": value})
        return cfg

    def send_due(self, actor: Actor, api_key: str, limit: int = 50) -> SendSummary:
        """Send what is due through the gateway (nothing at all when there is none)."""
        require(actor, "request.write")
        cfg = self.gateway()
        if not cfg.enabled:
            return SendSummary(problems=[msg.SMS_NO_GATEWAY])
        return sender.send_due(self.db, cfg, api_key, limit)
