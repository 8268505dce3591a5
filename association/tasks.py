from celery import shared_task


@shared_task(name="association.ping")
def ping(token: str) -> str:
    """Echo a token back: the smallest proof that a worker takes tasks from the broker."""
    return f"pong:{token}"
