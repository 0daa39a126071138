"""Two editors save the same outcome at the same moment, on PostgreSQL (where saves really run
in parallel): exactly one wins, the other gets a conflict carrying both texts."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from silkroutes.outcomes.models import Outcome
from silkroutes.outcomes.services import ConflictError, revise_outcome
from tests.factories import OutcomeFactory, UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def _in_thread(work, results: dict, name: str):
    def run():
        try:
            results[name] = work()
        except ConflictError as error:
            results[name] = error
        finally:
            connections.close_all()

    return threading.Thread(target=run, name=name)


def _save(outcome_pk: int, text: str, by, start: threading.Barrier, hold: float = 0.0):
    def work():
        outcome = Outcome.objects.get(pk=outcome_pk)
        start.wait()
        with transaction.atomic():
            revise_outcome(outcome, title=outcome.title, text=text, expected_version=1, by=by)
            time.sleep(hold)  # keep the row locked while the other editor saves
        return "saved"

    return work


def _play(hold_first: float):
    outcome = OutcomeFactory(text="Adopted text.")
    outcome.revisions.create(
        number=1, title=outcome.title, text=outcome.text, author=outcome.adopted_by
    )
    alice, bob = UserFactory(username="alice"), UserFactory(username="bob")
    start, results = threading.Barrier(2), {}
    threads = [
        _in_thread(_save(outcome.pk, "Alice's text.", alice, start, hold_first), results, "alice"),
        _in_thread(_save(outcome.pk, "Bob's text.", bob, start), results, "bob"),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcome, results


@pytest.mark.parametrize("hold_first", [0.0, 0.5])
def test_two_editors_saving_at_once_one_wins_and_the_other_keeps_their_text(hold_first):
    outcome, results = _play(hold_first)

    winners = [name for name, result in results.items() if result == "saved"]
    losers = {name: r for name, r in results.items() if isinstance(r, ConflictError)}
    assert len(winners) == 1, results
    assert len(losers) == 1, results
    (loser, conflict), winner = next(iter(losers.items())), winners[0]
    winner_text, loser_text = f"{winner.title()}'s text.", f"{loser.title()}'s text."
    outcome.refresh_from_db()
    assert (outcome.text, outcome.version) == (winner_text, 2)
    assert [r.text for r in outcome.revisions.order_by("number")] == ["Adopted text.", winner_text]
    assert conflict.current_text == winner_text
    assert conflict.your_text == loser_text
    assert f"{winner} saved this outcome (version 2)" in conflict.messages[0]
