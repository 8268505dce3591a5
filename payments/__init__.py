"""Stripe Checkout payments for anything payable: membership now, event tickets later.

The interface is two calls and three signals: ``services.payment_create_checkout`` starts a
Checkout Session for a payable object, and ``signals.payment_succeeded`` (or
``payment_expired`` / ``payment_failed``) tells its owner what happened, once, after a
verified webhook.
"""
