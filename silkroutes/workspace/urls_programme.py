"""Workspace URLs: the programme (pipeline board, funding records, matrix, gaps, support)."""

from django.urls import path

from .views import programme

urlpatterns = [
    path("", programme.board, name="programme_board"),
    path("projects/<slug:slug>/move/", programme.move, name="programme_move"),
    path("funding/", programme.funding_records, name="programme_funding"),
    path("funding/interest/", programme.record_interest, name="programme_record_interest"),
    path("funding/money/", programme.record_money, name="programme_record_money"),
    path("funding/budget/", programme.record_budget, name="programme_record_budget"),
    path(
        "funding/<slug:key>/pledge/", programme.convert_interest, name="programme_convert_interest"
    ),
    path("matrix/", programme.matrix, name="programme_matrix"),
    path("gaps/", programme.gaps, name="programme_gaps"),
    path("looking-for-support/", programme.looking_for_support, name="programme_support"),
]
