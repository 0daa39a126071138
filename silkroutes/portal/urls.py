from django.urls import path

from .views import (
    actors,
    bodies,
    funding,
    home,
    monitoring,
    programme,
    search,
    sources,
    strategy,
    timetable,
)

app_name = "portal"

urlpatterns = [
    path("", home.home, name="home"),
    path("goals/", strategy.goal_list, name="goals"),
    path("goals/<slug:code>/", programme.goal_detail, name="goal"),
    path("areas/", strategy.area_list, name="areas"),
    path("areas/<slug:code>/", strategy.area_detail, name="area"),
    path("programme/", programme.project_list, name="projects"),
    path("programme/<slug:slug>/", programme.project_detail, name="project"),
    path("bodies/", bodies.body_list, name="bodies"),
    path("bodies/<slug:slug>/", bodies.body_detail, name="body"),
    path("timetable/", timetable.timetable, name="timetable"),
    path("meetings/<slug:slug>/", timetable.meeting_detail, name="meeting"),
    path("organisations/", actors.organisation_list, name="organisations"),
    path("organisations/<slug:slug>/", actors.organisation_detail, name="organisation"),
    path("countries/", actors.country_list, name="countries"),
    path("countries/<slug:code>/", actors.country_detail, name="country"),
    path("partnerships/", actors.partnership_list, name="partnerships"),
    path("sources/", sources.source_list, name="sources"),
    path("sources/<slug:key>/", sources.source_detail, name="source"),
    path("strategy/", strategy.strategy_text, name="strategy"),
    path(
        "strategy/silk-routes-strategy-2014-2016.txt",
        strategy.strategy_download,
        name="strategy_download",
    ),
    path("search/", search.search, name="search"),
    path("programme-funding/", funding.funding_overview, name="funding"),
    path("programme-funding/gaps/", funding.funding_gaps, name="funding_gaps"),
    path("programme-timeline/", funding.programme_timeline, name="programme_timeline"),
    path("results/", funding.result_list, name="results"),
    path("coverage/", monitoring.coverage, name="coverage"),
    path("reports/", monitoring.report_list, name="reports"),
    path("reports/<int:year>/", monitoring.report, name="report"),
    path("reports/<int:year>.pdf", monitoring.report_pdf, name="report_pdf"),
]
