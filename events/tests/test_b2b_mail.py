"""B2B matchmaking's mails, as the worker builds them: in the participant's language (English
and both Serbian scripts), with the answer link in a request, the reason in a cancellation,
and the calendar file with an agenda; nothing for a request that is gone."""

import pytest
from django.urls import reverse
from django.utils import translation

from events import emails, services, tickets
from events.models import Meeting, MeetingRequest, Registration
from tests.factories import (
    B2BSessionFactory,
    EventIndexPageFactory,
    EventPageFactory,
    OrganisationFactory,
    b2b_participant,
)

pytestmark = pytest.mark.django_db
b2b = services.b2b
LANGUAGES = ("en", "sr-latn", "sr")


@pytest.fixture
def meeting(home_page):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(
        parent=index, title="Business Cluster Club 12", ticket_types=[{"capacity": 9}]
    )
    session = B2BSessionFactory(event=event)
    ana, boris = (
        b2b.b2b_profile_get_or_create(
            session=session,
            registration=b2b_participant(
                event, email, organisation=OrganisationFactory(name=organisation)
            ),
        )
        for email, organisation in (("ana@agro.example", "Agro"), ("boris@ict.example", "ICT"))
    )
    request = b2b.meeting_request_send(from_profile=ana, to_profile=boris, message="Hello")
    b2b.meeting_request_accept(request=request, by_profile=boris)
    return Meeting.objects.create(
        session=session, request=request, profile_a=ana, profile_b=boris, slot=1, table=2
    )


def _in(profile, language):
    Registration.objects.filter(pk=profile.registration_id).update(language=language)
    profile.registration.language = language
    return profile


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_request_mail_carries_the_answer_link_in_the_recipient_s_language(meeting, language):
    boris = _in(meeting.profile_b, language)

    message = emails.build_b2b("b2b_request_received", boris, request_id=meeting.request_id)

    with translation.override(language):
        answer = reverse("events:b2b_answer", args=[tickets.b2b_answer_token(meeting.request)])
    assert message.to == ["boris@ict.example"] and message.subject
    assert answer in message.body and "Hello" in message.body
    assert ("/sr-latn/" in answer) == (language == "sr-latn")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", ["b2b_request_answered", "b2b_meeting_cancelled"])
def test_answers_and_cancellations_render_in_each_language(meeting, template, language):
    ana = _in(meeting.profile_a, language)

    message = emails.build_b2b(
        template, ana, request_id=meeting.request_id, reason=Meeting.CancelReason.NO_SHOW
    )

    assert message.subject and "ICT" in message.subject + message.body


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_agenda_mail_lists_the_meetings_with_the_calendar_file(meeting, language):
    ana = _in(meeting.profile_a, language)

    message = emails.build_b2b("b2b_agenda", ana)

    [(name, content, mimetype)] = message.attachments
    assert name == "b2b-agenda.ics" and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in content  # text attachments are kept as text
    assert "ICT" in message.body


def test_nothing_is_built_for_a_request_that_is_gone(meeting):
    request_id = meeting.request_id
    MeetingRequest.objects.filter(pk=request_id).delete()
    message = emails.build_b2b("b2b_request_answered", meeting.profile_a, request_id=request_id)
    assert message is None
