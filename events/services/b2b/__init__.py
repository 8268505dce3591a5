"""B2B matchmaking's writes: profiles, meeting requests, the schedule, agendas, and what
happens to meetings when a participant leaves.

Locks, always in this order: the session's row (scheduling, and staff changing slots or
tables), then profiles in primary-key order, then the requests and meetings between them.
A registration being cancelled holds its ticket type and registration first (``places``), then
comes here for the profiles. A lock not taken in time is ``B2BBusy`` ("try again"), a
scheduling run already under way answers at once.
"""

from .common import B2BBusy, B2BError, takes_part
from .departures import NO_SHOW_GRACE, b2b_no_shows_mark, b2b_registration_left
from .outcomes import meeting_outcome_record, outcomes_open
from .profiles import (
    ItemData,
    b2b_profile_get_or_create,
    b2b_profile_prefill,
    b2b_profile_update,
)
from .requests import (
    meeting_request_accept,
    meeting_request_cancel,
    meeting_request_decline,
    meeting_request_send,
)
from .schedule import (
    ScheduleResult,
    b2b_agendas_send,
    b2b_schedule,
    b2b_session_save,
    meeting_move,
)

__all__ = [
    "NO_SHOW_GRACE",
    "B2BBusy",
    "B2BError",
    "ItemData",
    "ScheduleResult",
    "b2b_agendas_send",
    "b2b_no_shows_mark",
    "b2b_profile_get_or_create",
    "b2b_profile_prefill",
    "b2b_profile_update",
    "b2b_registration_left",
    "b2b_schedule",
    "b2b_session_save",
    "meeting_move",
    "meeting_outcome_record",
    "meeting_request_accept",
    "meeting_request_cancel",
    "meeting_request_decline",
    "meeting_request_send",
    "outcomes_open",
    "takes_part",
]
