"""The workspace's navigation: every area a person may open is one click away, the others are
not offered, and the open area is marked for screen readers."""

import re

from django.urls import reverse
from django.utils import translation

NAV = re.compile(r'<nav class="workspace-nav".*?</nav>', re.S)


def _nav(client, user, url="workspace:home") -> str:
    client.force_login(user)
    page = client.get(reverse(url)).content.decode()
    return NAV.search(page).group(0)


def _links(nav: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', nav)


def test_a_focal_point_reaches_every_area_of_its_work(client, turkey_focal_point):
    links = _links(_nav(client, turkey_focal_point))

    assert links == [
        reverse("workspace:home"),
        reverse("workspace:meetings"),
        reverse("workspace:document_list"),
        reverse("workspace:action_point_list"),
        reverse("workspace:programme_board"),
        reverse("workspace:monitoring"),
        reverse("workspace:tokens"),
        reverse("workspace:password_change"),
    ]
    for url in links:
        assert client.get(url).status_code == 200, url


def test_a_donor_is_not_offered_the_reporting_of_states(client, sweden_donor):
    links = _links(_nav(client, sweden_donor))

    assert reverse("workspace:monitoring") not in links
    assert client.get(reverse("workspace:monitoring")).status_code == 403
    assert reverse("workspace:programme_board") in links


def test_the_open_area_is_marked_as_the_current_page(client, secretariat_user):
    nav = _nav(client, secretariat_user, "workspace:action_point_list")

    current = re.findall(r'<a href="([^"]+)" aria-current="page">', nav)
    assert current == [reverse("workspace:action_point_list")]


def test_the_workspace_navigation_is_translated(client, turkey_focal_point):
    client.force_login(turkey_focal_point)
    with translation.override("ru"):
        url = reverse("workspace:home")
    page = client.get(url).content.decode()

    nav = NAV.search(page).group(0)
    assert "Документы" in nav
    assert "Documents" not in nav
