from .issues import Audience, Delivery, IssueAttachment, NewsletterIssue
from .subscribers import (
    Consent,
    SoftBounce,
    Subscriber,
    SuppressedAddress,
    address_hash,
    normalise_email,
)

__all__ = [
    "Audience",
    "Consent",
    "Delivery",
    "IssueAttachment",
    "NewsletterIssue",
    "SoftBounce",
    "Subscriber",
    "SuppressedAddress",
    "address_hash",
    "normalise_email",
]
