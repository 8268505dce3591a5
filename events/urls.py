from django.urls import path

from .views import b2b, b2b_agenda, b2b_outcomes, b2b_requests, tickets

app_name = "events"

urlpatterns = [
    path("tickets/<str:token>/", tickets.registration_detail, name="registration"),
    path("tickets/<str:token>/confirm/", tickets.registration_confirm, name="registration_confirm"),
    path("tickets/<str:token>/cancel/", tickets.registration_cancel, name="registration_cancel"),
    path("tickets/<str:token>/pay/", tickets.registration_pay, name="registration_pay"),
    path(
        "tickets/<str:token>/pay/bank/",
        tickets.registration_pay_bank,
        name="registration_pay_bank",
    ),
    path("tickets/<str:token>/qr.svg", tickets.registration_qr, name="registration_qr"),
    # B2B matchmaking (events/views/b2b.py, b2b_requests.py, b2b_agenda.py)
    path("events/b2b/answer/<str:token>/", b2b_requests.b2b_answer, name="b2b_answer"),
    path("events/b2b/<int:pk>/", b2b.b2b_home, name="b2b_home"),
    path("events/b2b/<int:pk>/profile/", b2b.b2b_profile, name="b2b_profile"),
    path("events/b2b/<int:pk>/participants/", b2b.b2b_participants, name="b2b_participants"),
    path(
        "events/b2b/<int:pk>/participants/<int:profile_id>/",
        b2b.b2b_participant,
        name="b2b_participant",
    ),
    path("events/b2b/<int:pk>/suggestions/", b2b.b2b_suggestions, name="b2b_suggestions"),
    path("events/b2b/<int:pk>/requests/", b2b_requests.b2b_requests, name="b2b_requests"),
    path(
        "events/b2b/<int:pk>/requests/<int:request_id>/<slug:action>/",
        b2b_requests.b2b_request_action,
        name="b2b_request_action",
    ),
    path("events/b2b/<int:pk>/agenda/", b2b_agenda.b2b_agenda, name="b2b_agenda"),
    path("events/b2b/<int:pk>/agenda/print/", b2b_agenda.b2b_agenda_print, name="b2b_agenda_print"),
    path("events/b2b/<int:pk>/agenda.ics", b2b_agenda.b2b_agenda_ics, name="b2b_agenda_ics"),
    path("events/b2b/<int:pk>/outcomes/", b2b_outcomes.b2b_outcomes, name="b2b_outcomes"),
    path(
        "events/b2b/<int:pk>/outcomes/<int:meeting_id>/",
        b2b_outcomes.b2b_outcomes,
        name="b2b_outcomes_record",
    ),
]
