"""Hand-built QuarterlyReport fixtures: realistic Persian names, counties, agencies and narratives."""

from __future__ import annotations

import random
from datetime import date, datetime

from app.services.reports.dto import (
    AgencyPerformance,
    CountRow,
    CountyRow,
    DeepRootedItem,
    ManagerCompliance,
    QuarterlyReport,
    QuarterSummary,
)

COUNTIES = (
    "آذرشهر اسکو اهر بستان‌آباد بناب تبریز جلفا چاراویماق خداآفرین سراب شبستر عجب‌شیر "
    "کلیبر مراغه مرند ملکان میانه ورزقان هریس هشترود هوراند"
).split() + ["لیلان", "ترکمانچای"]

AGENCIES = [
    "استانداری آذربایجان شرقی",
    "اداره کل راه و شهرسازی",
    "شرکت آب و فاضلاب",
    "شرکت توزیع نیروی برق",
    "شرکت گاز",
    "اداره کل آموزش و پرورش",
    "دانشگاه علوم پزشکی تبریز",
    "اداره کل تعاون، کار و رفاه اجتماعی",
    "اداره کل بهزیستی",
    "کمیته امداد امام خمینی (ره)",
    "بنیاد مسکن انقلاب اسلامی",
    "سازمان جهاد کشاورزی",
    "اداره کل منابع طبیعی و آبخیزداری",
    "اداره کل حفاظت محیط زیست",
    "سازمان صنعت، معدن و تجارت",
    "اداره کل امور مالیاتی",
    "سازمان تأمین اجتماعی",
    "شهرداری تبریز",
    "اداره کل ثبت اسناد و املاک",
    "شرکت مخابرات",
]

CHANNELS = [
    "سامانه سامد",
    "سامانه ۱۱۱",
    "دیدار مردمی",
    "سفر استانی",
    "مراجعه حضوری",
    "نامه",
    "تلفن",
]
TYPES = ["شکایت", "درخواست", "پیشنهاد", "انتقاد", "گزارش تخلف", "تقدیر"]

FIRST = [
    "علی",
    "محمدرضا",
    "ژاله",
    "چنگیز",
    "گلناز",
    "یگانه",
    "پرویز",
    "فرشته",
    "حمیدرضا",
    "کاوه",
    "مهشید",
    "عبدالله",
    "رقیه",
    "یوسف",
    "پریسا",
    "بهروز",
    "ثریا",
    "اکبر",
    "نگار",
    "صمد",
]
LAST = [
    "قاسم‌زاده",
    "پوررضا",
    "کیانی",
    "قربانی",
    "گودرزی",
    "ژیان",
    "چاوشی",
    "عظیمی",
    "باقری",
    "صفوی",
    "نظری",
    "خلیلی",
    "شجاعی",
    "یگانه‌پور",
    "آقایی",
    "فتحی",
    "رضایی",
    "ملکی",
]
TITLES = ["مدیرکل", "معاون استاندار", "فرماندار", "رئیس سازمان", "مدیرعامل", "بخشدار"]

LONG_ACTIONS = (
    "با پیگیری دفتر بازرسی جلسه‌ای با حضور نمایندگان شرکت آب و فاضلاب و فرمانداری در محل برگزار "
    "شد و مقرر شد خط انتقال جدید (به طول تقریبی ۱۲ کیلومتر) تا پایان سال اجرا شود. پرونده با کد "
    "رهگیری 1405-0001234-5 در سامانه SAMAD ثبت شده است و گزارش پیشرفت کار هر ماه به استانداری "
    "ارسال می‌شود. تاکنون ٪۴۵ عملیات لوله‌گذاری انجام شده و اعتبار مرحله دوم از محل منابع استانی "
    "تأمین شده است؛ با این حال کمبود فشار آب در ساعات اوج مصرف هنوز برطرف نشده و پیگیری ادامه دارد."
)


def _narrative(rng: random.Random, i: int) -> str:
    agency = AGENCIES[1 + i % (len(AGENCIES) - 1)]
    county = COUNTIES[i % len(COUNTIES)]
    return (
        f"در دیدار مردمی شهرستان {county} شهروندان از تأخیر در رسیدگی به این موضوع گلایه کردند. "
        f"موضوع به {agency} ارجاع شد و این دستگاه در پاسخ اعلام کرد که بررسی کارشناسی انجام "
        f"می‌شود و نتیجه آن طی {rng.randint(2, 9)} هفته آینده اعلام خواهد شد. دفتر بازرسی، مدیریت "
        "عملکرد و امور حقوقی دو بار پیگیری کتبی انجام داده و یک جلسه هماهنگی (با حضور نماینده "
        "فرمانداری) برگزار کرده است؛ پاسخ نهایی دستگاه هنوز دریافت نشده و پرونده باز است."
    )


def _summary(
    year: int, quarter: int, start: date, end: date, scale: float, prev: bool
) -> QuarterSummary:
    f = 0.9 if prev else 1.0
    channels = [4100, 1250, 820, 140, 960, 310, 420]
    types = [3120, 3480, 610, 420, 190, 180]
    prev_ch = [3900, 1310, 760, 0, 1010, 290, 400]
    prev_ty = [2980, 3300, 640, 400, 170, 160]
    by_channel = [
        CountRow(f"ch{i}", name, round(c * scale * f), round(p * scale * f * 0.95))
        for i, (name, c, p) in enumerate(zip(CHANNELS, channels, prev_ch, strict=True))
    ]
    by_type = [
        CountRow(f"t{i}", name, round(c * scale * f), round(p * scale * f * 0.95))
        for i, (name, c, p) in enumerate(zip(TYPES, types, prev_ty, strict=True))
    ]
    received = sum(r.count for r in by_channel)
    referred = round(received * (0.11 if prev else 0.097))
    gov = round(received * (0.108 if prev else 0.101))
    answered = round(referred * 0.82)
    return QuarterSummary(
        year=year,
        quarter=quarter,
        start=start,
        end=end,
        received=received,
        by_channel=by_channel,
        by_type=by_type,
        answered_directly=received - referred,
        referred=referred,
        concerning_governorate=gov,
        concerning_others=received - gov,
        median_working_days_to_answer=4.5 if prev else 3.5,
        referrals_total=referred,
        referrals_answered=answered,
        referrals_answered_on_time=round(answered * (0.71 if prev else 0.78)),
        overdue_at_end=round(referred * 0.06),
        satisfaction_average=3.9 if prev else 4.2,
        satisfaction_count=round(received * 0.18),
    )


def make_report(
    managers: int = 24,
    agencies: int = 20,
    deep_rooted: int = 8,
    scale: float = 1.0,
    seed: int = 1405,
) -> QuarterlyReport:
    """A report for autumn 1405 (سه‌ماهه سوم): sizes are adjustable for the large fixture."""
    rng = random.Random(seed)
    summary = _summary(1405, 3, date(2026, 9, 23), date(2026, 12, 20), scale, prev=False)
    previous = _summary(1405, 2, date(2026, 6, 22), date(2026, 9, 22), scale, prev=True)
    mans = []
    for i in range(managers):
        expected = 13 if i % 7 else 12
        held = max(0, expected - rng.randint(0, 5))
        issues = rng.randint(10, 120)
        directives = rng.randint(0, issues // 3)
        mans.append(
            ManagerCompliance(
                manager=f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}",
                title=f"{TITLES[i % len(TITLES)]} {AGENCIES[i % len(AGENCIES)]}"
                if i % 3
                else TITLES[i % len(TITLES)],
                agency=AGENCIES[i % len(AGENCIES)],
                expected=expected,
                held=held,
                cancelled=rng.randint(0, expected - held),
                citizens_received=rng.randint(20, 400),
                issues_raised=issues,
                directives_issued=directives,
                directives_open=rng.randint(0, directives),
            )
        )
    ags = []
    for i in range(agencies):
        name = (
            AGENCIES[i % len(AGENCIES)]
            if i < len(AGENCIES)
            else f"{AGENCIES[i % len(AGENCIES)]} ({i})"
        )
        referred = rng.randint(0, 400) if i % 9 else 0
        answered = round(referred * rng.uniform(0.6, 1.0))
        on_time = round(answered * rng.uniform(0.4, 1.0))
        ags.append(
            AgencyPerformance(
                agency=name,
                referred=referred,
                answered=answered,
                answered_on_time=on_time,
                median_working_days=round(rng.uniform(2, 14), 1) if answered else None,
                mean_working_days=round(rng.uniform(2, 16), 1) if answered else None,
                overdue_now=rng.randint(0, max(0, referred - answered)),
                inadequate=rng.randint(0, 12),
            )
        )
    counties = []
    for name in COUNTIES:
        received = (
            0
            if name in ("خداآفرین", "ترکمانچای")
            else rng.randint(40, 900) * (12 if name == "تبریز" else 1)
        )
        referred = round(received * 0.1)
        counties.append(
            CountyRow(
                name,
                received,
                received - referred,
                referred,
                rng.randint(0, referred + 1) if received else 0,
            )
        )
    items = [
        DeepRootedItem(
            tracking_code="1405-0001234-5",
            subject="کمبود فشار آب آشامیدنی در روستاهای بخش مرکزی شهرستان هریس",
            county="هریس",
            agencies=["شرکت آب و فاضلاب", "فرمانداری هریس"],
            state="در حال پیگیری",
            actions=LONG_ACTIONS,
        )
    ]
    subjects = [
        "تأخیر در تکمیل مسکن مددجویان",
        "قطعی مکرر برق در فصل سرما",
        "نبود گازرسانی به روستا",
        "مطالبات معوق بازنشستگان",
        "تخریب راه روستایی پس از بارندگی",
        "کمبود معلم در مدارس روستایی",
    ]
    for i in range(1, deep_rooted):
        items.append(
            DeepRootedItem(
                tracking_code=f"1405-{rng.randint(1000000, 9999999):07d}-{rng.randint(0, 9)}",
                subject=f"{subjects[i % len(subjects)]} در شهرستان {COUNTIES[(i * 5) % len(COUNTIES)]}",
                county=COUNTIES[(i * 5) % len(COUNTIES)],
                agencies=[AGENCIES[1 + i % 19], AGENCIES[1 + (i * 3) % 19]],
                state=["در حال پیگیری", "در انتظار پاسخ دستگاه", "مختومه"][i % 3],
                actions=_narrative(rng, i),
            )
        )
    return QuarterlyReport(
        province="استانداری آذربایجان شرقی",
        year=1405,
        quarter=3,
        report_number="1405/3/0142",
        issued_on=date(2026, 12, 27),
        generated_at=datetime(2026, 12, 27, 6, 30),
        summary=summary,
        previous=previous,
        managers=mans,
        agencies=ags,
        counties=counties,
        deep_rooted=items,
        audit_head_hash="9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8",
        audit_events=12345,
    )
