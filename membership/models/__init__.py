from .memberships import Application, DuesStatus, Membership, MembershipLevel
from .organisations import *  # noqa: F403
from .organisations import __all__ as _organisations_all
from .pages import MembershipPage
from .people import OrganisationInvitation

__all__ = [
    *_organisations_all,
    "Application",
    "DuesStatus",
    "Membership",
    "MembershipLevel",
    "MembershipPage",
    "OrganisationInvitation",
]
