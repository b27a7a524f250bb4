"""Domain errors, each carrying the Persian message the user is shown."""

from __future__ import annotations


class PolError(Exception):
    """Base of every error a user can meet; `message` is Persian and ready to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(PolError):
    """Bad input: `errors` maps each bad field to a Persian message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("اطلاعات واردشده کامل یا درست نیست: " + "؛ ".join(errors.values()))
        self.errors = dict(errors)


class ConflictError(PolError):
    """Another desktop saved the same record first; the user's copy is stale."""

    def __init__(self, what: str = "این پرونده") -> None:
        super().__init__(
            f"{what} در همین فاصله از رایانهٔ دیگری تغییر کرده است. "
            "برای دیدن نسخهٔ تازه، آن را دوباره بارگذاری کنید؛ متنی که نوشته‌اید حفظ می‌شود."
        )


class PermissionDenied(PolError):
    """The signed-in user's role does not allow the action."""

    def __init__(self, action: str) -> None:
        super().__init__(f"نقش کاربری شما اجازهٔ «{action}» را نمی‌دهد.")


class NotFound(PolError):
    """A record the user asked for does not exist (any more)."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} پیدا نشد.")


class AuthenticationFailed(PolError):
    """Wrong user name or password, or the account is deactivated."""

    def __init__(self) -> None:
        super().__init__("نام کاربری یا گذرواژه نادرست است، یا حساب غیرفعال شده است.")


class SchemaTooNewError(PolError):
    """The database was migrated by a newer Pol; this one must not write to it."""

    def __init__(self) -> None:
        super().__init__(
            "ساختار این پایگاه داده از نسخهٔ جدیدتری از «پل» است. "
            "برای جلوگیری از خراب شدن داده‌ها، این نسخه در آن چیزی نمی‌نویسد؛ "
            "لطفاً «پل» را به‌روز کنید."
        )


class DatabaseUnavailable(PolError):
    """The database cannot be reached, does not answer in time, or the file cannot be opened."""

    def __init__(self, detail: str = "") -> None:
        msg = ("اتصال به پایگاه داده برقرار نشد یا پایگاه داده به‌موقع پاسخ نداد. "
               "آنچه نوشته‌اید حفظ شده است؛ چند لحظه بعد دوباره امتحان کنید "
               "و اگر مشکل ماند، به مسئول شبکه خبر دهید.")
        # LRI … PDI keeps the driver's (English) detail in its own order inside the sentence.
        super().__init__(msg + (f" (\u2066{detail}\u2069)" if detail else ""))
        self.detail = detail


class WaitAbandoned(PolError):
    """The user stopped waiting for a slow server; the job's late result is dropped."""

    def __init__(self) -> None:
        super().__init__(
            "انتظار برای پاسخ سرور کنار گذاشته شد؛ آنچه نوشته‌اید حفظ شده است. "
            "اگر کار ثبت یا ذخیره بود، پیش از تکرار آن، فهرست را دوباره ببینید."
        )


class DatabaseDamaged(PolError):
    """A local database file fails SQLite's integrity check: Pol neither reports from it nor
    writes to it; the user is pointed at the latest backup."""

    def __init__(self, path: str, detail: str = "") -> None:
        # LRI … PDI keeps the path in its own (left-to-right) order inside the Persian sentence.
        msg = (f"فایل پایگاه داده \u2066{path}\u2069 آسیب دیده است"
               + (f" ({detail})" if detail else "") + ". "
               "«پل» از این فایل گزارش نمی‌گیرد و در آن چیزی نمی‌نویسد تا آسیب بیشتر نشود. "
               "آن را از آخرین پشتیبان بازگردانید و به پشتیبانی فنی خبر دهید.")
        super().__init__(msg)
        self.path = path
        self.detail = detail


class BackupError(PolError):
    """A backup could not be written, checked or restored."""


class AccountLocked(PolError):
    """The server refused a login that exists but may not sign in (deactivated)."""

    def __init__(self) -> None:
        super().__init__("این حساب غیرفعال شده است و نمی‌تواند وارد شود. "
                         "برای فعال شدن دوباره با مدیر سامانه تماس بگیرید.")


class NoDatabaseAccess(PolError):
    """The server knows the login but it has no privilege on this database (or its tables)."""

    def __init__(self) -> None:
        super().__init__("این حساب اجازهٔ کار با این پایگاه داده را ندارد. "
                         "از مدیر سامانه بخواهید نقش شما را در پل تعیین کند.")


class NotAPolUser(PolError):
    """Signed in to the server as a login that is not one of this database's Pol users."""

    def __init__(self, login: str) -> None:
        super().__init__(f"ورود «\u2066{login}\u2069» به سرور پذیرفته شد، اما کاربر پل در این "
                         "پایگاه داده نیست.")


class SchemaNeedsUpgrade(PolError):
    """A user's login may not migrate the schema; the owner must run `db upgrade`."""

    def __init__(self) -> None:
        super().__init__("پایگاه داده برای این نسخهٔ پل به‌روز نشده است. از مسئول فناوری "
                         "بخواهید فرمان «db upgrade» را با حساب مالک پایگاه داده اجرا کند.")


class ServerRefused(PolError):
    """The server refused a statement for want of a privilege (or by a county policy)."""

    def __init__(self) -> None:
        super().__init__("سرور پایگاه داده اجازهٔ این کار را به حساب شما نمی‌دهد؛ چیزی ذخیره "
                         "نشد. اگر باید این کار را انجام دهید، با مدیر سامانه تماس بگیرید.")
