"""What the personal-data commands share: naming a person by user name and/or e-mail address."""

from django.core.management.base import CommandError

from silkroutes.accounts.privacy import Person, UnknownPerson, find_person


def add_person_arguments(parser) -> None:
    parser.add_argument("--user", default="", metavar="USERNAME", help="the account's user name")
    parser.add_argument(
        "--email",
        default="",
        metavar="ADDRESS",
        help="an e-mail address (an account's, or delegation members')",
    )


def person_from(options) -> Person:
    try:
        return find_person(username=options["user"], email=options["email"])
    except UnknownPerson as error:
        raise CommandError(str(error)) from None
