"""Which characters a stored text may hold, so that every download can carry it.

XML 1.0 (the IATI file, the XLSX workbook inside its ZIP) cannot hold C0 control characters other
than tab, LF and CR, nor U+FFFE/U+FFFF or lone surrogates; iCalendar TEXT allows no control
character; PostgreSQL stores no NUL. A vertical tab (Word's manual line break) or a form feed
pasted into a note would break the download for everyone, so:

- every input boundary (workspace forms, API bodies, the dataset loader) refuses them with
  ``validate_text``, and CR/LF too in single-line fields (``validate_single_line``): a title, name
  or city with a line break would break an e-mail subject or a header;
- every writer passes stored text through ``clean_for_output`` (data stored before the rule, or
  through the admin, never breaks a download), and builds one-line values such as e-mail subjects
  with ``one_line``;
- a spreadsheet runs a cell that begins with one of ``FORMULA_TRIGGERS`` as a formula (OWASP,
  "CSV injection"): the XLSX and CSV writers keep such text from being one.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 controls but tab, LF and CR; DEL and the C1 controls; surrogates; the two non-characters
# that XML refuses.
REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Controls that word processors use to break a line: written as a line break, not dropped,
# so that the words on either side stay apart.
AS_LINE_BREAK = re.compile("[\x0b\x0c\x1c-\x1e\x85]")
# What str.splitlines() and mail programs take for the end of a line.
LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

CONTROL_MESSAGE = _(
    "This text holds an invisible control character (%(code)s), often pasted from a word "
    "processor: delete it or type the text again."
)
LINE_BREAK_MESSAGE = _("This field takes a single line: remove the line break.")


def _code(character: str) -> str:
    return f"U+{ord(character):04X}"


def validate_text(value) -> None:
    """Refuse a text holding a character that some download cannot carry."""
    found = REFUSED.search(value) if isinstance(value, str) else None
    if found:
        raise ValidationError(
            CONTROL_MESSAGE, code="control_character", params={"code": _code(found.group())}
        )


def validate_single_line(value) -> None:
    """``validate_text``, and no line break: for titles, names, cities and other one-line fields."""
    validate_text(value)
    if isinstance(value, str) and LINE_BREAK.search(value):
        raise ValidationError(LINE_BREAK_MESSAGE, code="line_break")


def clean_for_output(value: str) -> str:
    """The text without the characters ``validate_text`` refuses (line-breaking controls become
    a line break): what every writer puts in a file."""
    if not value:
        return value
    return REFUSED.sub("", AS_LINE_BREAK.sub("\n", value))


def one_line(value: str) -> str:
    """The text on one line, its line breaks and runs of white space as single spaces: for e-mail
    subjects, which Django refuses to send with a line break in them."""
    return " ".join(clean_for_output(LINE_BREAK.sub(" ", value)).split())


class CheckedText:
    """Mixin for a form (or model form) whose every text field refuses control characters, and
    line breaks unless it is a text area: the base of the workspace's forms, so that a field
    added later is checked without anyone thinking of it."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                multi_line = isinstance(field.widget, forms.Textarea)
                # self.fields holds this form's own copies: the class's fields are untouched.
                field.validators.append(validate_text if multi_line else validate_single_line)


class CheckedTextForm(CheckedText, forms.Form):
    pass
