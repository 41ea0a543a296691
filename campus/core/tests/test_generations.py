"""Generations (core.generations): what the page cache's keys are built from."""

import pytest
from django.core.cache import cache
from django.db import transaction

from campus.core import generations


def test_a_write_moves_the_number_at_once_and_again_at_commit(transactional_db):
    [start] = generations.current("board:1")
    other = generations.current("board:2")
    with transaction.atomic():
        generations.changed("board:1")
        # This transaction's own reads miss already…
        assert generations.current("board:1") == (start + 1,)
    # …and a page another request read in between, still without the write, is dropped at commit.
    assert generations.current("board:1") == (start + 2,)
    assert generations.current("board:2") == other


def test_a_rolled_back_write_only_costs_a_miss(transactional_db):
    [start] = generations.current("board:1")

    def write_then_fail():
        with transaction.atomic():
            generations.changed("board:1")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert generations.current("board:1") == (start + 1,)


def test_a_lost_number_starts_above_any_number_it_had(db):
    [start] = generations.current("names:1")
    generations.changed("names:1")
    cache.delete("gen:names:1")  # evicted
    [again] = generations.current("names:1")
    assert again > start + 1
    cache.delete("gen:names:1")
    generations.changed("names:1")  # a write to a lost number starts it afresh too
    assert generations.current("names:1")[0] > again


def test_nothing_is_tracked_when_pages_are_not_cached(db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    generations.changed("board:1")
    assert cache.get("gen:board:1") is None
    assert not generations.enabled() and not generations.shared()


def test_numbers_expire_so_that_a_scope_per_post_does_not_keep_a_key_forever(db, monkeypatch):
    added = []
    real_add = cache.add
    monkeypatch.setattr(
        cache, "add", lambda key, value, timeout: added.append(timeout) or real_add(key, value, timeout)
    )
    generations.current("post:1")
    generations.changed("post:2")
    assert added == [generations.LIFETIME_SECONDS] * 2 and generations.LIFETIME_SECONDS == 3600
