"""Compile the gettext catalogues (.po → .mo) with Babel, in pure Python.

Django's own ``compilemessages`` needs GNU gettext's ``msgfmt``, which a fresh machine with only
Python does not have; ``make run`` and ``make test`` use this command instead. Making catalogues
(``makemessages``) still needs gettext, but only translators and developers do that."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogues(root: Path) -> list[Path]:
    skip = {".venv", "var", "node_modules", ".git"}
    return sorted(
        path
        for path in root.rglob("locale/*/LC_MESSAGES/*.po")
        if not skip.intersection(path.relative_to(root).parts)
    )


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po of the project to .mo (with Babel)."

    def handle(self, *args, **options):
        compiled = 0
        for po_path in catalogues(Path(settings.BASE_DIR)):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            try:
                with po_path.open("rb") as po_file:
                    catalogue = read_po(po_file, locale=po_path.parent.parent.name)
            except Exception as exc:  # Babel raises several kinds of parse errors
                raise CommandError(f"{po_path}: {exc}") from exc
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalogue, use_fuzzy=False)
            compiled += 1
        if options["verbosity"]:
            self.stdout.write(f"{compiled} catalogue(s) compiled.")
