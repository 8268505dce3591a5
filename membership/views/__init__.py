"""The membership app's public views: ``membership`` (apply, dashboard, pay, renew),
``account`` (a member's own data), ``directory`` (the routes of the directory page),
``organisation_editor`` (a member edits their organisation's profile) and ``people`` (an
organisation's people and invitations)."""
