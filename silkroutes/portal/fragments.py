"""Pieces of public pages rendered once per data version and language, and shared by every
request that shows them: a meeting's line in the timetable, a project's row in the programme
list, the options of a filter. A repeat render with other filters or on another page reuses the
pieces; any change of the data moves the version, and the pieces are rendered anew.

Only what anyone may see goes in: the pieces are shared with anonymous visitors, so they are
built from the ``public_*`` reads alone and never from anything of the person asking.
"""

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from django import forms
from django.core.cache import cache
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from silkroutes.core.pagecache import data_version

# Pieces of older versions are never read again; this only bounds how long they take room.
FRAGMENT_SECONDS = 24 * 3600

K = TypeVar("K", bound=Hashable)


class Fragments:
    """The pieces of one request, under one data version and language (read once)."""

    def __init__(self) -> None:
        self.prefix = f"silkroutes:fragment:{get_language()}:{data_version()}"

    def _key(self, name: str, part: object) -> str:
        return f"{self.prefix}:{name}:{part}"

    def one(self, name: str, part: object, build: Callable[[], str]) -> SafeString:
        """The piece ``name`` for ``part``, rendered by ``build`` when not kept yet."""
        key = self._key(name, part)
        html = cache.get(key)
        if html is None:
            html = str(build())
            cache.set(key, html, FRAGMENT_SECONDS)
        return mark_safe(html)  # noqa: S308 - rendered by our own escaping code

    def each(
        self, name: str, parts: Iterable[K], build: Callable[[list[K]], dict[K, object]]
    ) -> dict[K, object]:
        """The pieces ``name`` of every part, in one round trip to the cache; ``build`` renders
        those not kept yet (given the list of their parts, it returns them by part)."""
        keys = {part: self._key(name, part) for part in parts}
        found = cache.get_many(list(keys.values()))
        pieces = {part: found[key] for part, key in keys.items() if key in found}
        missing = [part for part in keys if part not in pieces]
        if missing:
            built = build(missing)
            cache.set_many({keys[part]: built[part] for part in missing}, FRAGMENT_SECONDS)
            pieces.update(built)
        return pieces


class CachedSelect(forms.Select):
    """A drop-down whose options are rendered once per data version and language (see
    ``keep_options``; Django's widget templates cost 0.1-0.2 ms an option, and a list of every
    funder or country has hundreds); only the chosen option is marked per request. ``variant``
    names a choice a request added to the list (a valid value the data does not hold)."""

    variant = ""
    options_html: str | None = None

    def options(self) -> str:
        return "".join(
            # as Django's template renders them, each option on its own line after a blank one
            format_html(
                '\n  <option value="{}">{}</option>\n', "" if value is None else value, label
            )
            for value, label in self.choices
        )

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        html = self.options() if self.options_html is None else self.options_html
        for chosen in self.format_value(value)[:1]:
            opening = format_html('<option value="{}"', chosen)
            html = html.replace(f"{opening}>", f"{opening} selected>", 1)
        attributes = format_html_join(
            "",
            "{}",
            (
                (format_html(" {}", key) if value is True else format_html(' {}="{}"', key, value),)
                for key, value in self.build_attrs(self.attrs, attrs).items()
                if value is not False
            ),
        )
        options = mark_safe(html)  # noqa: S308 - each option escaped by ``options()``
        return format_html('<select name="{}"{}>{}\n</select>', name, attributes, options)


def keep_options(form: forms.Form, name: str) -> None:
    """Give the form's ``CachedSelect`` drop-downs their options from the cache (``name``: the
    form's), in one round trip; those not kept yet are rendered and kept."""
    widgets = {
        f"{field_name}:{field.widget.variant}": field.widget
        for field_name, field in form.fields.items()
        if isinstance(field.widget, CachedSelect)
    }
    pieces = Fragments().each(
        f"options:{name}", widgets, lambda keys: {key: widgets[key].options() for key in keys}
    )
    for key, widget in widgets.items():
        widget.options_html = pieces[key]
