"""The portal in Russian and Arabic: translated interface, direction, dates and numbers formatted
for the language, and complete catalogues (no untranslated or fuzzy entry)."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client

MEETING = "/meetings/wg-silk-routes-2016/"  # 8th Silk Routes Working Group meeting, 18–19 May 2016

# Per language and page: interface words that must appear (data such as titles stays as it is).
TRANSLATED = {
    "ru": {
        "/": ["Шесть приоритетных целей", "Программа в цифрах", "Расписание", "Поиск"],
        "/programme/": [
            "Программа БП «Шёлковый путь»",
            "Отфильтровать проекты",
            "Применить фильтры",
        ],
        "/timetable/": ["Предварительное расписание", "Отфильтровать расписание"],
        MEETING: ["Место", "Принимающая сторона", "Рабочие группы"],
    },
    "ar": {
        "/": ["الأهداف الستة ذات الأولوية", "البرنامج بالأرقام", "الجدول الزمني", "بحث"],
        "/programme/": [
            "برنامج طرق الحرير لعملية بودابست",
            "تصفية المشاريع",
            "تطبيق عوامل التصفية",
        ],
        "/timetable/": ["الجدول الزمني المؤقت", "تصفية الجدول الزمني"],
        MEETING: ["المكان", "الجهة المضيفة", "الأفرقة العاملة"],
    },
}
ENGLISH_ONLY = ["The six priority goals", "Apply filters", "Tentative timetable", "Skip to content"]
PAGES = [(language, url) for language, pages in TRANSLATED.items() for url in pages]


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "url"), PAGES)
def test_interface_is_translated(client: Client, language: str, url: str) -> None:
    html = _page(client, f"/{language}{url}")
    for words in TRANSLATED[language][url]:
        assert words in html, f"/{language}{url} lacks {words!r}"
    for words in ENGLISH_ONLY:
        assert words not in html, f"/{language}{url} shows English {words!r}"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ru", "ltr"), ("ar", "rtl")])
def test_language_and_direction_of_the_page(client: Client, language: str, direction: str) -> None:
    prefix = "" if language == "en" else f"/{language}"
    html = _page(client, f"{prefix}/timetable/")
    assert f'<html lang="{language}" dir="{direction}">' in html


@pytest.mark.django_db
def test_language_switcher_links_to_the_same_page(client: Client) -> None:
    html = _page(client, f"/ru{MEETING}")
    assert f'href="/ar{MEETING}"' in html
    assert f'href="{MEETING}"' in html
    assert 'hreflang="ar"' in html


@pytest.mark.django_db
def test_meeting_date_in_russian(client: Client) -> None:
    html = _page(client, f"/ru{MEETING}")
    assert "<dd>18 мая 2016" in html
    assert "<dd>18 May 2016" not in html


@pytest.mark.django_db
def test_meeting_date_in_arabic(client: Client) -> None:
    html = _page(client, f"/ar{MEETING}")
    assert re.search(r"<dd>18 (مايو|أيار)", html)
    assert "<dd>18 May 2016" not in html


@pytest.mark.django_db
def test_timetable_months_in_russian(client: Client) -> None:
    html = _page(client, "/ru/timetable/")
    assert re.search(r"Май|мая|май", html)


def _catalogue(language: str):
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po:
        return read_po(po, locale=language)


@pytest.mark.parametrize(("language", "plurals"), [("ru", 3), ("ar", 6)])
def test_catalogue_is_complete(language: str, plurals: int) -> None:
    catalogue = _catalogue(language)
    assert catalogue.num_plurals == plurals
    messages = [message for message in catalogue if message.id]
    assert len(messages) > 1000
    fuzzy = [message.id for message in messages if message.fuzzy]
    untranslated = []
    for message in messages:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if (isinstance(message.id, tuple) and len(strings) != plurals) or not all(strings):
            untranslated.append(message.id)
    assert fuzzy == []
    assert untranslated == []


@pytest.mark.parametrize("language", ["ru", "ar"])
def test_catalogue_keeps_placeholders(language: str) -> None:
    placeholder = re.compile(r"%\([a-z_0-9]+\)[sdif]|%[sd]|\{\{ ?[a-z_.0-9]+ ?\}\}")
    wrong = []
    for message in _catalogue(language):
        if not message.id:
            continue
        source = " ".join(message.id) if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(placeholder.findall(source))
        for string in strings:
            if set(placeholder.findall(string)) != expected:
                wrong.append((source, string))
    assert wrong == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "amount"),
    [("", "EUR 3,200.00"), ("/ru", "EUR 3\xa0200,00"), ("/ar", "EUR 3200,00")],
)
def test_amounts_are_formatted_for_the_language(client: Client, prefix: str, amount: str) -> None:
    """Bulgaria's commitment of EUR 3,200 to the Silk Routes Partnership project."""
    assert amount in _page(client, f"{prefix}/programme-funding/")
