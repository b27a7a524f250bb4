"""Pol's tables (SQLAlchemy 2.x declarative). Importing this package registers all of them."""

from app.models.audit import AuditEvent
from app.models.base import Base
from app.models.citizen import Citizen
from app.models.meeting import Meeting, MeetingAttendee, MeetingSchedule
from app.models.reference import Agency, County, Holiday, Manager, Setting
from app.models.referral import Referral, ReferralEvent
from app.models.request import Request, RequestLink
from app.models.user import User

__all__ = [
    "AuditEvent",
    "Agency",
    "Base",
    "Citizen",
    "County",
    "Holiday",
    "Manager",
    "Meeting",
    "MeetingAttendee",
    "MeetingSchedule",
    "Referral",
    "ReferralEvent",
    "Request",
    "RequestLink",
    "Setting",
    "User",
]

# Issue 5 (referral tracker and inspection review).
from app.models.review import Review, ReviewReason, ReviewVerdict  # noqa: E402

__all__ += ["Review", "ReviewReason", "ReviewVerdict"]

# The meeting calendar (issue 6).
from app.models.meeting import MeetingDirective  # noqa: E402

__all__ += ["MeetingDirective"]

# The shared server's safeguards (issue 11).
from app.models.security import RowChange, ServerSetup, UserCounty  # noqa: E402

__all__ += ["RowChange", "ServerSetup", "UserCounty"]

# The citizen's objection (issue 13, part 2).
from app.models.objection import Objection, ObjectionOutcome  # noqa: E402

__all__ += ["Objection", "ObjectionOutcome"]
# Satisfaction calls (issue 13 §3).
from app.models.satisfaction_call import (  # noqa: E402
    CallOutcome,
    SatisfactionCall,
    SatisfactionCallAttempt,
)

__all__ += ["CallOutcome", "SatisfactionCall", "SatisfactionCallAttempt"]
# Issue 13 part 5: the clock stops while the citizen owes papers.
from app.models.pause import ClockPause  # noqa: E402

__all__ += ["ClockPause"]
# The referral as an official letter (issue 13 §6).
from app.models.letter import LetterCounter, OfficialLetter  # noqa: E402

__all__ += ["LetterCounter", "OfficialLetter"]
# Scanned letters and photos on file (issue 13 §4).
from app.models.attachment import Attachment, AttachmentContent  # noqa: E402

__all__ += ["Attachment", "AttachmentContent"]
# Answers exported for SAMAD (issue 14 §2).
from app.models.samad_export import SamadExport, SamadExportItem  # noqa: E402

__all__ += ["SamadExport", "SamadExportItem"]

# Messages to citizens (issue 14 §3).
from app.models.sms import SmsMessage, SmsTemplate  # noqa: E402

__all__ += ["SmsMessage", "SmsTemplate"]

# Surge events (issue 14 §1).
from app.models.event import Event  # noqa: E402

__all__ += ["Event"]
