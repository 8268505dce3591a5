from django.urls import path

from . import views

app_name = "sitesetup"
urlpatterns = [
    path("<str:uidb64>/<str:token>/", views.invitation, name="invitation"),
]
