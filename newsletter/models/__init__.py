from .issues import Audience, Delivery, IssueAttachment, NewsletterIssue
from .subscribers import Consent, Subscriber, SuppressedAddress, address_hash, normalise_email

__all__ = [
    "Audience",
    "Consent",
    "Delivery",
    "IssueAttachment",
    "NewsletterIssue",
    "Subscriber",
    "SuppressedAddress",
    "address_hash",
    "normalise_email",
]
