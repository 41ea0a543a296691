"""Text search for Korean and everything else: every word of the query must appear in one of
the fields, as a substring, case-insensitively (`시험` finds `시험을` and `시험기간`).

On PostgreSQL a GIN index narrows the rows first. Korean words are mostly two syllables, which
pg_trgm cannot index (a trigram needs three characters), so the index holds each word's
**substrings of one to six characters** instead (`시험을` → 시, 험, 을, 시험, 험을, 시험을).
Nearly every word students type, particle included, is six characters or fewer: such a word is
one key of the index, found exactly, and PostgreSQL's statistics of the column say how many
posts hold it — so the planner walks the feed index newest first for a common word and reads
the index for a rare one. A longer word is looked up by its six-character pieces and checked
with a `LIKE`: pieces say a post *may* hold it, the `LIKE` says it does.

The grams sit in a generated column, `search_grams`, that PostgreSQL computes on every insert
and update with the SQL function `campus_search_grams` — bulk inserts included, no app code to
forget; `campus_search_keys` turns a query into keys the same way. The column is unknown to
Django (never selected, never written); a migration that changes the type of a column it reads
must drop and re-add it.

Results come newest first, as every list does, so a search pages like the feed; no relevance
ranking. SQLite has no such index: the same `LIKE`s scan the rows, fine at its size.
"""

import operator
import unicodedata
from functools import reduce

from django.db import connections
from django.db.models import BooleanField, Expression, Q, QuerySet

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

    The words are written into the SQL as a quoted literal, not bound as a parameter: statements
    are prepared (config/settings.py), and a prepared statement's reused plan is made for any
    value of its parameters. It could not tell `수업` (in most posts: walk the feed newest first)
    from `졸업요건` (in none: read the index) — the choice this index exists for. With the words
    in the text, each search is its own statement and its plan knows the keys."""

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
