"""Text search for Korean and everything else: every word of the query must appear in one of
the fields, as a substring, case-insensitively (`시험` finds `시험을` and `시험기간`).

On PostgreSQL a GIN index narrows the rows first. Korean words are mostly two syllables, which
pg_trgm cannot index (a trigram needs three characters), so the index holds each word's
**substrings of one to six characters** instead (`시험을` → 시, 험, 을, 시험, 험을, 시험을).
Nearly every word students type, particle included, is six characters or fewer: such a word is
one key of the index, found exactly, and PostgreSQL's statistics of the column say how many
posts hold it. Which way a search reads is not left to the planner (below: the probe of the
index for a rare word, a bounded walk of the feed newest first for a common one). A longer
word is looked up by its six-character pieces and checked with a `LIKE`: pieces say a post
*may* hold it, the `LIKE` says it does.

The grams sit in a generated column, `search_grams`, that PostgreSQL computes on every insert
and update with the SQL function `campus_search_grams` — bulk inserts included, no app code to
forget; `campus_search_keys` turns a query into keys the same way. The column is unknown to
Django (never selected, never written); a migration that changes the type of a column it reads
must drop and re-add it.

Results come newest first, as every list does, so a search pages like the feed; no relevance
ranking. SQLite has no such index: the same `LIKE`s scan the rows, fine at its size.
"""

import operator
import time
import unicodedata
from collections.abc import Callable
from functools import reduce
from typing import Any, TypeVar, cast

from django.db import connections, transaction
from django.db.models import BooleanField, Expression, Field, Model, Q, QuerySet

T = TypeVar("T")

MAX_WORDS = 8  # a longer query is searched by its first words

MAX_GRAM = 6  # the longest gram indexed: Korean words with their particle, most Latin words

# Only a word's first MAX_WORD characters are indexed, and looked up: a 20,000-character "word"
# would otherwise be 120,000 keys. A search for a piece past them (deep in a long URL) misses it.
MAX_WORD = 30

# Whitespace splits words; each word gives every substring of 1 to MAX_GRAM characters,
# lower-cased. A query word is its own key when it fits, else its MAX_GRAM-character pieces.
SEARCH_FUNCTIONS_SQL = r"""
CREATE OR REPLACE FUNCTION campus_search_grams(VARIADIC parts text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(word, i, n)), '{}')
    FROM unnest(regexp_split_to_array(lower(array_to_string(parts, ' ')), '\s+')) AS whole,
         left(whole, MAX_WORD) AS word,
         generate_series(1, char_length(word)) AS i,
         generate_series(1, MAX_GRAM) AS n
    WHERE i + n - 1 <= char_length(word)
$$;
CREATE OR REPLACE FUNCTION campus_search_keys(query text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(word, i, MAX_GRAM)), '{}')
    FROM unnest(regexp_split_to_array(lower(query), '\s+')) AS whole,
         left(whole, MAX_WORD) AS word,
         generate_series(1, greatest(char_length(word) - MAX_GRAM + 1, 1)) AS i
    WHERE word <> ''
$$;
""".replace("MAX_GRAM", str(MAX_GRAM)).replace("MAX_WORD", str(MAX_WORD))


def search_words(query: str) -> list[str]:
    """The words of a query as the search uses them: NFC like stored text, at most MAX_WORDS."""
    return unicodedata.normalize("NFC", query).split()[:MAX_WORDS]


class _GramsContainKeys(Expression):
    """`<base table>.search_grams @> campus_search_keys('words')`, under whatever alias the base
    table has in this query (a subquery renames it).

    For searches the ORM builds whole (`text_search`: a rare word's posts read by id, a long
    word's walk, the lecture catalog), where the planner still chooses how to read. The words
    are written into the SQL as a quoted literal, not bound as a parameter: statements are
    prepared (config/settings.py), and a reused plan is made for any value of its parameters —
    it could not tell `수업` (in most posts) from `졸업요건` (in none). With the words in the
    text, each search is its own statement and its plan knows the keys. The probe and the walk,
    each held to one way of reading, bind them instead (`_GramsHoldKeys`)."""

    output_field = BooleanField()

    def __init__(self, words: list[str]):
        super().__init__()
        self.words = " ".join(words)

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        # psycopg quotes the literal; `%` is then doubled, as the SQL is formatted once more with
        # the query's other parameters.
        words = connection.ops.compose_sql("%s", [self.words]).replace("%", "%%")
        return f'{table}."search_grams" @> campus_search_keys({words})', []


def text_search(queryset: QuerySet, query: str, fields: list[str]) -> QuerySet:
    """Rows where every word of `query` is in one of `fields` (see the module docstring)."""
    words = search_words(query)
    if not words:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        queryset = queryset.filter(_GramsContainKeys(words))
        # A word of up to MAX_GRAM characters is itself a gram: holding it is being found, and
        # PostgreSQL knows from its statistics how many rows hold it. Only longer words also
        # need the `LIKE`, whose selectivity PostgreSQL can only guess.
        words = [word for word in words if len(word) > MAX_GRAM]
    for word in words:
        queryset = queryset.filter(reduce(operator.or_, (Q(**{f"{f}__icontains": word}) for f in fields)))
    return queryset


# A search is bounded by construction, whatever its words (PostgreSQL): the GIN index is asked
# first, on its own, how many rows of the scope hold the keys — at most RARE + 1 are read. Up to
# RARE, those rows are the answer (found by id: bounded). Past RARE the words are common there,
# and the list walks the scope newest first as the feed does, at most WALK rows a request: a page
# that runs out of walk before it fills links on from where it stopped (`keyset_page`'s
# `walk_to`). No plan can scan a school: the planner's estimate (a missing key taken for a
# common one walked 250,000 posts to find nothing) no longer decides it.
# Measured in-process over a 30-query mix (docs/decisions.md → Speed): at a million posts p95
# 1.17 s → 13 ms and the slowest 1.22 s → 23 ms; at 100,000, p95 11 ms. RARE is small because
# the probe reads a heap row per match it counts (1000 cost 60–100 ms); WALK is what a page may
# read when a word is common in the school but sparse in its newest posts.
RARE = 64
WALK = 5000
# A search whose keys PostgreSQL's statistics put, together, in at least this share of the rows
# is walked at once: asking the index would only read the long posting lists of common grams
# (`수`, `가`: 70 ms at a million posts), and the walk fills a page within a few dozen posts. The
# statistics can only call a key common that the sample saw often; a missing word is never
# among them, so a wrong estimate costs at most a bounded walk.
COMMON = 0.02
# A search the statistics expect to match more than this many rows *of its scope* (a key's share
# times the rows the scope holds) is walked at once too: the probe would come back past RARE and
# the walk follow anyway. At a million posts a word in 1–2 % of them paid 12–30 ms of probe
# (reading its posting list) before walking; in a small school the same word is rare and probed.
EXPECTED = 4 * RARE
STATISTICS_SECONDS = 300  # how long a process keeps a table's most common grams
_statistics: dict[str, tuple[float, dict[str, float]]] = {}
_scope_statistics: dict[tuple[str, str], tuple[float, float, dict[int, float], float]] = {}


def search_keys(query: str) -> list[str]:
    """The keys `campus_search_keys` makes of a query (the same rule, in Python)."""
    keys = []
    for whole in " ".join(search_words(query)).lower().split():
        word = whole[:MAX_WORD]
        keys += [word[i : i + MAX_GRAM] for i in range(max(len(word) - MAX_GRAM + 1, 1))]
    return list(dict.fromkeys(keys))


def _common_grams(model: type[Model]) -> dict[str, float]:
    """The most common grams of `model`'s rows and the share of rows holding each, from the
    planner's statistics (refreshed by ANALYZE), kept by this process for a few minutes."""
    table = model._meta.db_table
    kept = _statistics.get(table)
    if kept is not None and time.monotonic() - kept[0] < STATISTICS_SECONDS:
        return kept[1]
    with connections[model._base_manager.db].cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = %s AND attname = 'search_grams'",
            [table],
        )
        row = cursor.fetchone()
    grams = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
    _statistics[table] = (time.monotonic(), grams)
    return grams


def _column_statistics(model: type[Model], column: str) -> tuple[float, dict[int, float], float]:
    """(the table's rows, the column's most common values and their shares, the share of any
    other value) from the planner's statistics, kept by this process for a few minutes."""
    table = model._meta.db_table
    kept = _scope_statistics.get((table, column))
    if kept is not None and time.monotonic() - kept[0] < STATISTICS_SECONDS:
        return kept[1:]
    with connections[model._base_manager.db].cursor() as cursor:
        cursor.execute(
            "SELECT c.reltuples, s.most_common_vals::text::bigint[], s.most_common_freqs, s.n_distinct "
            "FROM pg_class c LEFT JOIN pg_stats s ON s.tablename = c.relname AND s.attname = %s "
            "WHERE c.relname = %s",
            [column, table],
        )
        row = cursor.fetchone()
    rows, values, shares, distinct = row if row else (0.0, None, None, None)
    common = dict(zip(values or [], shares or [], strict=False))
    distinct = (-distinct * max(rows, 0) if distinct is not None and distinct < 0 else distinct) or 0
    others = max(distinct - len(common), 1)
    other = max(1.0 - sum(common.values()), 0.0) / others
    _scope_statistics[(table, column)] = (time.monotonic(), max(rows, 0.0), common, other)
    return max(rows, 0.0), common, other


def _scope_rows(model: type[Model], scope: dict[str, object]) -> float:
    """How many rows of `model` the statistics put in `scope` (its narrowest column)."""
    found = []
    for column, value in scope.items():
        rows, common, other = _column_statistics(model, column)
        found.append(rows * common.get(value, other) if isinstance(value, int) else rows)
    return min(found, default=0.0)


def looks_common(model: type[Model], query: str, **scope: object) -> bool:
    """Whether the statistics put the query's keys, together, in at least `COMMON` of the rows,
    or in more than `EXPECTED` rows of `scope` (`school_id=…`, `board_id=…`)."""
    grams = _common_grams(model)
    share = 1.0
    for key in search_keys(query):
        share *= grams.get(key, 0.0)
    return share >= COMMON or (share > 0 and bool(scope) and share * _scope_rows(model, scope) > EXPECTED)


def search_is_indexed(queryset: QuerySet) -> bool:
    """Whether `queryset`'s database has the gram index (PostgreSQL)."""
    return connections[queryset.db].vendor == "postgresql"


def index_candidates(model: type[Model], query: str, **scope: object) -> list[int] | None:
    """The ids of `model`'s rows in `scope` (`school_id=…`, `board_id=…`) whose grams hold every
    key of `query`, read through the GIN index alone, when there are at most RARE; None when
    there are more (and off PostgreSQL: no index, the `LIKE`s scan, fine at SQLite's size).
    Deleted or hidden rows may be among them: the list's own filters apply after."""
    words = search_words(query)
    queryset = model._base_manager.all()
    if not words or not search_is_indexed(queryset):
        return None

    ids = [pk for (pk,) in _on_the_gram_index(queryset, lambda: _run_probe(model, words, scope))]
    return ids if len(ids) <= RARE else None


def index_probe_plan(model: type[Model], query: str, **scope: object) -> str:
    """PostgreSQL's plan for `index_candidates`' question, as it runs it (tests, operators)."""
    explain = lambda: _run_probe(model, search_words(query), scope, prefix="EXPLAIN ")  # noqa: E731
    return "\n".join(line for (line,) in _on_the_gram_index(model._base_manager.all(), explain))


def _run_probe(model: type[Model], words: list[str], scope: dict[str, object], prefix: str = "") -> list:
    sql, params = _probe(model, words, scope)
    with connections[model._base_manager.db].cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return cursor.fetchall()


def _probe(model: type[Model], words: list[str], scope: dict[str, object]) -> tuple[str, list]:
    """The probe's SQL, written out: it runs for every search, and the ORM took longer to build
    and compile it than PostgreSQL to answer (1.5 against 1 ms for a word nobody wrote). Held to
    a bitmap scan of the gram index, its plan does not depend on the words: they are bound, and
    a prepared statement serves every search (its keys made once, as `_GramsHoldKeys` says).
    The scope is compared as `column + 0`: an expression no index holds, so that the gram index
    is the only one a bitmap scan can start from (the school's feed index, read as a bitmap and
    filtered by grams, was the walk of the whole school again)."""
    quote = connections[model._base_manager.db].ops.quote_name
    where = [f"{quote('search_grams')} @> (SELECT campus_search_keys(%s))"]
    where += [f"({quote(_column(model, name))} + 0) = %s" for name in scope]
    sql = (
        f"SELECT {quote(_column(model, 'pk'))} FROM {quote(model._meta.db_table)} "  # noqa: S608 (names from the model, values bound)
        f"WHERE {' AND '.join(where)} LIMIT {int(RARE) + 1}"
    )
    return sql, [" ".join(words), *scope.values()]


def _column(model: type[Model], name: str) -> str:
    """The database column of `model`'s field `name` (`pk`, `school_id`, `school`)."""
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    return cast(Field, field).column


def _on_the_gram_index(queryset: QuerySet, run: Callable[[], T]) -> T:
    """`run()` with PostgreSQL held to bitmap scans: the gram index is read, never another index
    walked and filtered row by row — the choice a wrong estimate made unbounded. Held so, the
    plan is the same whatever the words: they may be bound as a parameter."""
    return _held_to(queryset, run, "enable_indexscan", "enable_seqscan")


def _held_to(queryset: QuerySet, run: Callable[[], T], *off: str) -> T:
    """`run()` with the planner's `off` ways of reading switched off (SET LOCAL ends with the
    transaction)."""
    with transaction.atomic(using=queryset.db), connections[queryset.db].cursor() as cursor:
        cursor.execute("; ".join(f"SET LOCAL {setting} = off" for setting in off))
        return run()


class _InScope(Expression):
    """`<column> = ANY(ARRAY[<id>])`: the scope `<column> = <id>` once more, in a form PostgreSQL
    checks before the grams. It moves the plain equality, which the planner derives anew, to the
    end of a row's checks — after the grams, the costliest (~5 µs a row: the array is taken
    apart and compared element by element), so a walk over the primary key checked the grams
    of every school's rows. An `ANY` of a one-element array costs the planner half an equality
    and is checked first: another school's row then costs a comparison (measured at a million
    posts: a common word's walk 16.7 → 6.4 ms). It is never an index condition of its own: the
    plain equality still is."""

    output_field = BooleanField()

    def __init__(self, column: str, value: int):
        super().__init__()
        self.column, self.value = column, value

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        return f"{table}.{connection.ops.quote_name(self.column)} = ANY(ARRAY[%s]::bigint[])", [self.value]


class _GramsHoldKeys(Expression):
    """`<base table>.search_grams @> (SELECT campus_search_keys(<words>))`, the words bound as a
    parameter: for a walk, whose plan is held to index scans (`on_a_walk`) and so does not
    depend on them — the statement is prepared once. The keys are made once a statement, by the
    database's own rule (`lower()` as its grams had it), in a sub-select: written as a plain
    call with a bound parameter, a reused plan made them again for every row (35 µs a row)."""

    output_field = BooleanField()

    def __init__(self, words: str):
        super().__init__()
        self.words = words

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        return f'{table}."search_grams" @> (SELECT campus_search_keys(%s))', [self.words]


def walk_conditions(words: str, **scope: int) -> list[Expression]:
    """What a walk of `scope` (`school_id=…`, `board_id=…`) checks of each row it reads: its scope
    first (`_InScope`), then whether its grams hold every key of `words` — for words of up to
    MAX_GRAM characters, the whole search; a longer word also needs `text_search`'s `LIKE`."""
    return [*_scope_first(scope), _GramsHoldKeys(words)]


def _scope_first(scope: dict[str, int]) -> list[Expression]:
    return [_InScope(column, value) for column, value in scope.items()]


def grams_decide(query: str) -> bool:
    """Whether holding the keys of `query` is having its words (no word longer than MAX_GRAM)."""
    return all(len(word) <= MAX_GRAM for word in search_words(query))


def on_a_walk(queryset: QuerySet, run: Callable[[], T]) -> T:
    """`run()` — reading `queryset`'s table newest first — with the planner held to reading an
    index in order: never a bitmap of the gram index, whose posting list for a common word is
    long (12–40 ms at a million posts), nor a table scan. The walk's floor bounds what it reads."""
    return _held_to(queryset, run, "enable_bitmapscan", "enable_seqscan")


def walked(queryset: QuerySet, run: Callable[[QuerySet], T], **scope: int) -> T:
    """`run(queryset)` as a walk of `scope` (`on_a_walk`), `queryset` already narrowed to the
    words (`text_search`): each row's scope is checked before its grams (`_InScope`)."""
    checked = queryset.filter(*_scope_first(scope))
    return on_a_walk(queryset, lambda: run(checked))


def walk_floor(
    model: type[Model], *, after: int | None, backwards: bool = False, **scope: object
) -> int | None:
    """The id of the WALK-th row of `model` in `scope` (`school_id=…`, `board_id=…`) past `after`
    in the walk's direction (None: fewer rows are left), so a walk can stop there. Deleted and
    hidden rows count too: the walk reads them as well, and the scope alone is an index-only
    read of its feed index (0.8 ms at a million posts, where counting visible posts read 5,000
    rows through the heap: 15 ms)."""
    connection = connections[model._base_manager.db]
    quote = connection.ops.quote_name
    pk = quote(_column(model, "pk"))
    where = [f"{quote(_column(model, name))} = %s" for name in scope]
    params: list[Any] = list(scope.values())
    if after is not None:
        where.append(f"{pk} {'>' if backwards else '<'} %s")
        params.append(after)
    # Written out like the probe: the ORM cost more than the index read.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {pk} FROM {quote(model._meta.db_table)} WHERE {' AND '.join(where) or 'TRUE'} "  # noqa: S608 (names from the model, values bound)
            f"ORDER BY {pk} {'ASC' if backwards else 'DESC'} LIMIT 1 OFFSET {int(WALK) - 1}",
            params,
        )
        found = [found_pk for (found_pk,) in cursor.fetchall()]
    return found[0] if found else None
