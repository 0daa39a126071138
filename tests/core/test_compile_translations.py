from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from django.utils.translation import trans_real


def test_catalogues_compile_without_gettext_and_translate(tmp_path: Path):
    catalogue = Catalog(locale="ru")
    catalogue.add("Timetable", "Расписание")
    po_path = tmp_path / "locale" / "ru" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    with po_path.open("wb") as po_file:
        write_po(po_file, catalogue)

    with override_settings(BASE_DIR=tmp_path, LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("compile_translations", verbosity=0)
        trans_real._translations = {}
        trans_real._active = trans_real.Local()
        with translation.override("ru"):
            translated = translation.gettext("Timetable")
    trans_real._translations = {}

    assert po_path.with_suffix(".mo").exists()
    assert translated == "Расписание"
