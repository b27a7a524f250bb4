"""Reference data of East Azerbaijan (counties, agencies) and seeding a new database with it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.models import Agency, County, Holiday, Setting
from app.models.database import Database, SchemaState
from app.services.core import jalali
from app.services.core.context import Actor
from app.services.core.dto import GOVERNORATE, RefItem  # noqa: F401
from app.services.core.office import dto as office_dto

# The counties of the province, spelled as the glossary spells them.
COUNTIES: list[str] = [
    "آذرشهر", "اسکو", "اهر", "بستان‌آباد", "بناب", "تبریز", "جلفا", "چاراویماق", "خداآفرین",
    "سراب", "شبستر", "عجب‌شیر", "کلیبر", "مراغه", "مرند", "ملکان", "میانه", "ورزقان", "هریس",
    "هشترود", "هوراند",
]
# Counties created later: name -> first Jalali year in which they exist.
NEW_COUNTIES: dict[str, int] = {"لیلان": 1402, "ترکمانچای": 1403}

AGENCIES: list[str] = [
    GOVERNORATE, "اداره کل راه و شهرسازی", "شرکت آب و فاضلاب", "شرکت توزیع نیروی برق",
    "شرکت گاز", "اداره کل آموزش و پرورش", "دانشگاه علوم پزشکی تبریز",
    "اداره کل تعاون، کار و رفاه اجتماعی", "اداره کل بهزیستی", "کمیته امداد امام خمینی (ره)",
    "بنیاد مسکن انقلاب اسلامی", "سازمان جهاد کشاورزی", "اداره کل منابع طبیعی و آبخیزداری",
    "اداره کل حفاظت محیط زیست", "سازمان صنعت، معدن و تجارت", "اداره کل امور مالیاتی",
    "سازمان تأمین اجتماعی", "شهرداری تبریز", "اداره کل ثبت اسناد و املاک", "شرکت مخابرات",
]

# Office-wide settings and their defaults.
DEFAULT_SETTINGS: dict[str, str] = {
    "rest_weekdays": "4",  # Python weekday numbers; 4 = Friday. "3,4" adds Thursday.
    # Every setting declared for the office settings dialog, with its default.
    **{sp.key: sp.default for sp in office_dto.SPECS},
}


def seed_reference_data(db: Database) -> None:
    """Insert the counties, agencies, settings and official holidays a new database starts with."""
    with db.write() as s:
        if s.scalar(select(func.count()).select_from(County)) == 0:
            for name in COUNTIES:
                s.add(County(name=name))
            for name, year in NEW_COUNTIES.items():
                s.add(County(name=name, valid_from=jalali.from_jalali(year, 1, 1)))
        if s.scalar(select(func.count()).select_from(Agency)) == 0:
            for name in AGENCIES:
                s.add(Agency(name=name, is_governorate=name == GOVERNORATE))
        have = set(s.scalars(select(Setting.key)))
        for key, value in DEFAULT_SETTINGS.items():
            if key not in have:
                s.add(Setting(key=key, value=value))
    this_year = jalali.to_jalali(jalali.tehran_today())[0]
    seed_holidays(db, range(this_year - 2, this_year + 2))


# How the holidays package marks a lunar holiday past its table of confirmed dates (fa_IR).
ESTIMATED_MARK = "(تخمینی)"


def split_estimated(name: str) -> tuple[str, bool]:
    """A package holiday's name without the estimate mark, and whether it carried one."""
    if ESTIMATED_MARK not in name:
        return name, False
    return " ".join(name.replace(ESTIMATED_MARK, " ").split()).replace(" ؛", "؛"), True


def seed_holidays(db: Database, jalali_years: range) -> int:
    """Add the official holidays of the given Jalali years that the table does not have yet.

    A day the office removed stays removed: its row is still there, so it is not added again.
    """
    added = 0
    with db.write() as s:
        have = set(s.scalars(select(Holiday.day)))
        for year in jalali_years:
            for day, marked in jalali.official_holidays(year):
                if day not in have:
                    name, estimated = split_estimated(marked)
                    s.add(Holiday(day=day, name=name, source="package", estimated=estimated))
                    have.add(day)
                    added += 1
    return added


def prepare_database(db: Database, upgrade: bool = True) -> SchemaState:
    """Create or migrate the schema and seed reference data on first use.

    `upgrade=False`: never migrate (a user's own server login may not); a schema that is behind
    raises SchemaNeedsUpgrade.
    """
    state = db.open(upgrade=upgrade)
    if db.writable and state in (SchemaState.EMPTY, SchemaState.BEHIND):
        seed_reference_data(db)
    return state


def counties(db: Database, on: date | None = None) -> list[RefItem]:
    """Counties valid on a date (all when no date), in table order."""
    with db.read() as s:
        q = select(County).order_by(County.id)
        if on is not None:
            q = q.where((County.valid_from.is_(None)) | (County.valid_from <= on))
            q = q.where((County.valid_to.is_(None)) | (County.valid_to >= on))
        return [RefItem(c.id, c.name) for c in s.scalars(q)]


def agencies(db: Database) -> list[RefItem]:
    """All agencies, the governorate first."""
    with db.read() as s:
        rows = s.scalars(select(Agency).order_by(Agency.is_governorate.desc(), Agency.id))
        return [RefItem(a.id, a.name, a.is_governorate, a.answer_days) for a in rows]


def settings(db: Database) -> dict[str, str]:
    """All office-wide settings with defaults filled in."""
    with db.read() as s:
        stored = {k: v for k, v in s.execute(select(Setting.key, Setting.value))}
    return {**DEFAULT_SETTINGS, **stored}


def parse_rest_weekdays(value: str | None) -> frozenset[int]:
    """The «rest_weekdays» setting («4», «3,4») as Python weekday numbers; the default when the
    stored text is empty, unreadable or leaves no working day."""
    try:
        days = frozenset(int(x) for x in (value or "").split(",") if x.strip())
    except ValueError:
        days = frozenset()
    if not days or not days <= set(range(7)) or len(days) == 7:
        days = frozenset(int(x) for x in DEFAULT_SETTINGS["rest_weekdays"].split(","))
    return days


def format_rest_weekdays(days: set[int] | frozenset[int]) -> str:
    """Python weekday numbers as the «rest_weekdays» setting stores them («3,4»)."""
    return ",".join(str(d) for d in sorted(days))


def rest_weekdays_in(s: Session) -> frozenset[int]:
    """The office's weekly rest days, read in the caller's session."""
    return parse_rest_weekdays(s.scalar(select(Setting.value).where(Setting.key == "rest_weekdays")))


def holidays_in_force() -> ColumnElement[bool]:
    """The holiday rows that count: those the office has not removed."""
    return Holiday.removed.is_(False)


def work_calendar_in(s: Session) -> jalali.WorkCalendar:
    """The office's working-day calendar, read in the caller's session."""
    days = list(s.scalars(select(Holiday.day).where(holidays_in_force())))
    return jalali.WorkCalendar(days, rest_weekdays=rest_weekdays_in(s))


def work_calendar(db: Database) -> jalali.WorkCalendar:
    """The office's working-day calendar: the holiday table and the rest weekdays setting."""
    with db.read() as s:
        return work_calendar_in(s)


class ReferenceService:
    """The reference data a view needs (pick lists, office settings), through the registry."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def counties(self, on: date | None = None, actor: Actor | None = None) -> list[RefItem]:
        """Counties in id order (those that exist on `on`, when given); a county-limited
        actor's own counties only, so pick lists offer nothing they could not use."""
        items = counties(self.db, on)
        if actor is not None and actor.counties is not None:
            items = [c for c in items if c.id in actor.counties]
        return items

    def agencies(self) -> list[RefItem]:
        """All agencies, the governorate first."""
        return agencies(self.db)

    def settings(self) -> dict[str, str]:
        """All office-wide settings with defaults filled in."""
        return settings(self.db)

    def referral_answer_days(self) -> int:
        """The default working days an agency has to answer a referral."""
        return int(settings(self.db)["referral_answer_days"])
