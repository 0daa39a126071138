"""The access table: every URL pattern of the project × every role → the expected answer.

``tests/test_access_table.py`` walks the URL resolver and fails when a pattern has no row here
(or a row names a pattern that no longer exists), then requests every row as every role.

A row's expectation per role is one of:
- a status code (200, 400, 403, 404, 405…);
- ``LOGIN``: a redirect to the workspace's sign-in page (the person must sign in first);
- ``ADMIN_LOGIN``: a redirect to the admin's sign-in page (not staff);
- ``REDIRECT``: a redirect elsewhere (a POST that did its work and went back to a page).

Arguments are sample values from the starter dataset, or ``{name}`` placeholders filled with
objects the test creates (``access_objects`` in the test module). POST rows are requested by
the roles in ``ROLE_ORDER``, the Secretariat last, so that a successful change comes after every
refusal has been checked against the unchanged record.

Public portal pages say 200 even where the page is still being built: the table says what the
page must answer, not what it answers today.
"""

from dataclasses import dataclass, field

ANONYMOUS, SECRETARIAT, FOCAL_POINT, CHAIR, DONOR, IMPLEMENTER = ROLES = (
    "anonymous",
    "secretariat",
    "focal_point",  # Pakistan's focal point: a participating state, chairs nothing
    "chair",  # Türkiye's focal point: Türkiye co-chairs the Silk Routes working group
    "donor",  # Sweden's donor representative
    "implementer",  # IOM's implementer representative
)
# Refusals first, the Secretariat (whose POSTs succeed) last.
ROLE_ORDER = (ANONYMOUS, DONOR, IMPLEMENTER, FOCAL_POINT, CHAIR, SECRETARIAT)

LOGIN = "302 to sign-in"
ADMIN_LOGIN = "302 to admin sign-in"
REDIRECT = "302 elsewhere"


@dataclass(frozen=True)
class Row:
    expect: dict[str, object]
    kwargs: dict[str, str] = field(default_factory=dict)
    method: str = "get"
    data: dict[str, str] = field(default_factory=dict)
    query: str = ""
    path: str = ""  # for a pattern without a name: the path to request
    roles: tuple[str, ...] = ROLES  # who is asked (all but for pages that take seconds to make)


def row(
    default,
    *,
    anonymous=None,
    kwargs=None,
    method="get",
    data=None,
    query="",
    path="",
    roles=ROLES,
    **per_role,
) -> Row:
    """A row where every signed-in role gets ``default`` unless named; anonymous visitors get
    ``anonymous`` (by default ``default``: say LOGIN for pages that need a signed-in person)."""
    expect = {role: per_role.get(role, default) for role in ROLES if role != ANONYMOUS}
    expect[ANONYMOUS] = default if anonymous is None else anonymous
    return Row(expect, kwargs or {}, method, data or {}, query, path, roles)


def public(**kwargs) -> Row:
    """A public page: everyone, signed in or not, reads it."""
    return row(200, **kwargs)


def signed_in(default=200, **kwargs) -> Row:
    """A workspace page for every signed-in person."""
    return row(default, anonymous=LOGIN, **kwargs)


def secretariat_only(ok=200, *, denied=403, **kwargs) -> Row:
    return row(denied, anonymous=LOGIN, secretariat=ok, **kwargs)


def post(default, **kwargs) -> Row:
    return signed_in(default, method="post", **kwargs)


WG = {"slug": "wg-silk-routes-2015"}  # a held meeting of the Silk Routes working group
DOC = {"slug": "{document}"}
OUTCOME = {"pk": "{outcome}"}
POINT = {"pk": "{action_point}"}
CYCLE = {"pk": "{cycle}"}
INITIATIVE = {"pk": "{initiative}"}

TABLE: dict[str, Row] = {
    # -- outside the language prefix -----------------------------------------------------------
    "healthz": public(),
    "favicon": row(REDIRECT),  # to the icon among the static files
    "set_language": row(REDIRECT, method="post", data={"language": "ru", "next": "/"}),
    # -- calendar feeds and files: public, in every language ---------------------------------------
    "calendar:timetable": public(),
    "calendar:day_not_known": public(),
    "calendar:body": public(kwargs={"slug": "wg-silk-routes"}),
    "calendar:goal": public(kwargs={"code": "legal-migration"}),
    "calendar:meeting": public(kwargs=WG),
    # -- the API: reads are public (restricted records are filtered by the same queries) ------
    "api:openapi-json": public(),
    "api:openapi-view": public(),
    "api:index": public(),
    "api:api-root": public(),
    "api:problem_type": public(kwargs={"kind": "invalid-parameter"}),
    "api:goals": public(),
    "api:goal": public(kwargs={"code": "legal-migration"}),
    "api:areas": public(),
    "api:area": public(kwargs={"code": "migration-management"}),
    "api:frameworks": public(),
    "api:framework": public(kwargs={"slug": "istanbul-declaration-2013"}),
    "api:action_items": public(),
    "api:action_item": public(kwargs={"key": "mas-2014-2016-1-1"}),
    "api:projects": public(),
    "api:project": public(kwargs={"slug": "fostering-cooperation"}),
    "api:project_participants": public(kwargs={"slug": "fostering-cooperation"}),
    "api:project_funding": public(kwargs={"slug": "fostering-cooperation"}),
    "api:project_status_history": public(kwargs={"slug": "fostering-cooperation"}),
    "api:project_results": public(kwargs={"slug": "fostering-cooperation"}),
    "api:funding": public(),
    "api:funding_record": public(kwargs={"key": "srp-bulgaria-commitment"}),
    "api:results": public(),
    "api:result": public(kwargs={"key": "srp-kabul-policy-data-workshop-2014"}),
    "api:bodies": public(),
    "api:body": public(kwargs={"slug": "wg-silk-routes"}),
    "api:meetings": public(),
    "api:meeting": public(kwargs=WG),
    "api:organisations": public(),
    "api:organisation": public(kwargs={"slug": "iom"}),
    "api:roles": public(),
    "api:role": public(kwargs={"key": "bp-chair-turkey"}),
    "api:countries": public(),
    "api:country": public(kwargs={"code": "AF"}),
    "api:regions": public(),
    "api:region": public(kwargs={"code": "silk-routes"}),
    "api:partnerships": public(),
    "api:partnership": public(kwargs={"slug": "gfmd"}),
    "api:sources": public(),
    "api:source": public(kwargs={"key": "iom-bp"}),
    # Documents, outcomes and action points through the same visibility queries as the pages.
    "api:documents": public(),
    "api:document": public(kwargs={"slug": "{document}"}),
    "api:outcomes": public(),
    "api:outcome": public(kwargs={"outcome_id": "{outcome}"}),
    "api:action_points": public(),
    "api:action_point": public(kwargs={"point_id": "{action_point}"}),
    # Lists of participants are published, as meeting reports publish them.
    "api:meeting_delegations": public(kwargs={"slug": "som-2014"}),
    # Writes need a token with the write scope: a session is not enough.
    "api:project_move": row(401, method="post", kwargs={"slug": "fostering-cooperation"}),
    "api:funding_pledge": row(401, method="post", kwargs={"key": "srp-bulgaria-commitment"}),
    "api:meeting_foresee": row(401, method="post"),
    "api:meeting_schedule": row(401, method="post", kwargs={"slug": "som-2015"}),
    "api:meeting_agenda": row(401, method="put", kwargs={"slug": "som-2015"}),
    "api:meeting_postpone": row(401, method="post", kwargs={"slug": "som-2015"}),
    "api:meeting_cancel": row(401, method="post", kwargs={"slug": "som-2015"}),
    "api:meeting_hold": row(401, method="post", kwargs={"slug": "som-2014"}),
    "api:meeting_invite": row(401, method="post", kwargs={"slug": "som-2014"}),
    "api:delegation_register": row(
        401, method="put", kwargs={"slug": "som-2014", "state": "pakistan"}
    ),
    "api:meeting_attendance": row(401, method="put", kwargs=WG),
    "api:outcome_adopt": row(401, method="post", kwargs=WG),
    "api:outcome_revise": row(401, method="post", kwargs={"outcome_id": "{outcome}"}),
    "api:outcome_publish": row(401, method="post", kwargs={"outcome_id": "{draft_outcome}"}),
    "api:action_point_add": row(401, method="post", kwargs={"outcome_id": "{outcome}"}),
    "api:action_point_status": row(401, method="post", kwargs={"point_id": "{action_point}"}),
    "api/^(?P<rest>.*)$": row(404, path="/api/no-such-endpoint"),
    # -- open data downloads ----------------------------------------------------------------------
    "data:iati": public(),
    "data:opendata": public(),
    "data:xlsx": public(),
    # -- the portal: public pages ---------------------------------------------------------------
    "portal:home": public(),
    "portal:goals": public(),
    "portal:goal": public(kwargs={"code": "legal-migration"}),
    "portal:areas": public(),
    "portal:area": public(kwargs={"code": "diaspora-engagement"}),
    "portal:projects": public(),
    "portal:project": public(kwargs={"slug": "fostering-cooperation"}),
    "portal:bodies": public(),
    "portal:body": public(kwargs={"slug": "wg-silk-routes"}),
    "portal:timetable": public(),
    "portal:meeting": public(kwargs=WG),
    "portal:organisations": public(),
    "portal:organisation": public(kwargs={"slug": "iom"}),
    "portal:countries": public(),
    "portal:country": public(kwargs={"code": "af"}),
    "portal:partnerships": public(),
    "portal:sources": public(),
    "portal:source": public(kwargs={"key": "iom-bp"}),
    "portal:strategy": public(),
    "portal:strategy_download": public(),
    "portal:search": public(query="?q=migration"),
    "portal:funding": public(),
    "portal:funding_gaps": public(),
    "portal:programme_timeline": public(),
    "portal:results": public(),
    "portal:coverage": public(),
    "portal:reports": public(),
    "portal:report": public(kwargs={"year": "2015"}),
    # Making the PDF takes seconds: asked as the public and as the Secretariat only.
    "portal:report_pdf": public(kwargs={"year": "2015"}, roles=(ANONYMOUS, SECRETARIAT)),
    # -- the workspace: account -----------------------------------------------------------------
    "workspace:home": signed_in(),
    "workspace:login": row(REDIRECT, anonymous=200),  # signed-in people go on to the workspace
    "workspace:logout": row(LOGIN, method="post"),  # signed out, back to the sign-in page
    "workspace:password_change": signed_in(),
    "workspace:password_change_done": signed_in(),
    "workspace:password_reset": public(),
    "workspace:password_reset_done": public(),
    # Django keeps a valid token in the session and redirects to the "set password" form.
    "workspace:password_reset_confirm": row(
        REDIRECT, kwargs={"uidb64": "{reset_uid}", "token": "{reset_token}"}
    ),
    "workspace:password_reset_complete": public(),
    "workspace:tokens": signed_in(),
    "workspace:token_revoke": post(404, secretariat=REDIRECT, kwargs={"pk": "{token}"}),
    # -- the workspace: meetings ------------------------------------------------------------------
    "workspace:meetings": signed_in(),
    "workspace:meeting_foresee": secretariat_only(chair=200),
    "workspace:meeting": signed_in(kwargs=WG),
    # Steps posted without their fields answer 400 with the step's form and its errors.
    "workspace:meeting_schedule": post(
        403, secretariat=400, chair=400, kwargs={"slug": "wg-silk-routes-2014"}
    ),
    "workspace:meeting_agenda": secretariat_only(chair=200, kwargs={"slug": "wg-silk-routes-2016"}),
    "workspace:meeting_invite": post(403, secretariat=400, kwargs={"slug": "som-2014"}),
    # Only a state's own focal point registers its delegation.
    "workspace:delegation": signed_in(
        403, focal_point=200, kwargs={"slug": "som-2014", "state": "pakistan"}
    ),
    "workspace:meeting_attendance": secretariat_only(kwargs=WG),
    "workspace:meeting_hold": post(403, secretariat=REDIRECT, kwargs={"slug": "som-2014"}),
    "workspace:meeting_postpone": post(403, secretariat=400, kwargs={"slug": "som-2015"}),
    "workspace:meeting_cancel": post(403, secretariat=400, kwargs={"slug": "som-2015"}),
    "workspace:meeting_history": secretariat_only(kwargs=WG),
    # -- the workspace: documents (the download answers the public for a public document) --------
    "workspace:document_list": signed_in(),
    "workspace:document_create": secretariat_only(),
    "workspace:document_detail": signed_in(kwargs=DOC),
    "workspace:document_edit": secretariat_only(kwargs=DOC),
    "workspace:document_file_add": post(403, secretariat=400, kwargs=DOC),
    # A draft is not found by those who may not see it, before any question of rights.
    "workspace:document_publish": post(404, secretariat=REDIRECT, kwargs={"slug": "{draft}"}),
    "workspace:document_history": secretariat_only(kwargs=DOC),
    "workspace:document_download": public(kwargs={"slug": "{document}", "lang": "en"}),
    # -- the workspace: outcomes and action points ------------------------------------------------
    "workspace:meeting_outcomes": signed_in(kwargs=WG),
    "workspace:outcome_adopt": secretariat_only(kwargs=WG),
    "workspace:follow_up_package": signed_in(kwargs={"slug": "wg-silk-routes-2016"}),
    "workspace:outcome_detail": signed_in(kwargs=OUTCOME),
    "workspace:outcome_edit": secretariat_only(kwargs=OUTCOME),
    "workspace:outcome_publish": post(404, secretariat=REDIRECT, kwargs={"pk": "{draft_outcome}"}),
    "workspace:outcome_history": secretariat_only(kwargs=OUTCOME),
    "workspace:action_point_add": secretariat_only(kwargs=OUTCOME),
    "workspace:action_point_list": signed_in(),
    # The action point is Pakistan's: its focal point and the Secretariat update it.
    "workspace:action_point_complete": post(
        403, secretariat=REDIRECT, focal_point=REDIRECT, kwargs=POINT
    ),
    "workspace:action_point_drop": post(
        403, secretariat=REDIRECT, focal_point=REDIRECT, kwargs=POINT
    ),
    "workspace:action_point_reopen": post(
        403, secretariat=REDIRECT, focal_point=REDIRECT, kwargs=POINT
    ),
    # -- the workspace: programme ----------------------------------------------------------------
    "workspace:programme_board": signed_in(),
    "workspace:programme_move": post(
        403, secretariat=REDIRECT, kwargs={"slug": "fostering-cooperation"}
    ),
    "workspace:programme_funding": signed_in(),
    "workspace:programme_record_interest": post(400),
    "workspace:programme_record_money": post(400),
    "workspace:programme_record_budget": post(403, secretariat=400),
    # A commitment is no interest: nobody converts it into a pledge.
    "workspace:programme_convert_interest": post(403, kwargs={"key": "srp-bulgaria-commitment"}),
    "workspace:programme_matrix": signed_in(),
    "workspace:programme_gaps": signed_in(),
    "workspace:programme_support": signed_in(),
    # -- the workspace: implementation reporting -------------------------------------------------
    "workspace:monitoring": secretariat_only(focal_point=200, chair=200),
    "workspace:monitoring_cycle_open": secretariat_only(),
    "workspace:monitoring_cycle": secretariat_only(focal_point=200, chair=200, kwargs=CYCLE),
    "workspace:monitoring_cycle_close": post(403, secretariat=REDIRECT, kwargs=CYCLE),
    "workspace:monitoring_report": signed_in(403, focal_point=200, chair=200, kwargs=CYCLE),
    "workspace:monitoring_initiative": secretariat_only(
        denied=404, focal_point=200, kwargs=INITIATIVE
    ),
    "workspace:monitoring_initiative_edit": signed_in(
        404, focal_point=200, secretariat=403, kwargs=INITIATIVE
    ),
    "workspace:monitoring_initiative_submit": post(
        404, focal_point=REDIRECT, secretariat=403, kwargs=INITIATIVE
    ),
    # Pakistan's focal point reads its own entry but does not review it.
    "workspace:monitoring_initiative_review": post(
        404, focal_point=403, secretariat=400, kwargs=INITIATIVE
    ),
}

# Every URL of the admin (named or not): non-staff people, signed in or not, are sent to the
# admin's sign-in page; the sign-in page answers everyone, and signing out of the admin (GET)
# sends everyone on.
ADMIN_EXPECT = dict.fromkeys(ROLES, ADMIN_LOGIN)
ADMIN_EXCEPTIONS = {"admin:login": 200, "admin:logout": REDIRECT}
