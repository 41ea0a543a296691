"""Reads that every request makes, compiled once.

Django compiles a queryset to SQL on every evaluation; for the student read that authenticates
each request (a user with their school, by primary key) the compiling cost more than the query
(0.3 of 0.6 ms in-process). `CompiledGet` compiles such a queryset once per database connection
and afterwards only binds the key, runs the SQL (a prepared statement on PostgreSQL after a few
runs) and builds the objects as the ORM would: the database's converters applied, the related
row cached on the object as `select_related` caches it. `CompiledQuery` does the same for a list
(a board's page of posts read from the database): building and compiling its queryset was a
third of the page.
"""

import uuid
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import Model, QuerySet, UUIDField
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]  # what ModelIterable uses

M = TypeVar("M", bound=Model)


class _Compiled:
    """A queryset compiled for one connection: its SQL, which of its parameters a run fills in
    (`slot(param)` names them; None keeps the compiled value), and how to make its objects."""

    def __init__(self, queryset: QuerySet, connection: Any, slot: Callable[[Any], str | None]) -> None:
        compiler = queryset.query.get_compiler(connection=connection)
        self.sql, params = compiler.as_sql()
        self.params = [(slot(param), param) for param in params]
        self.compiler = compiler
        select, info = compiler.select, compiler.klass_info
        self.converters = compiler.get_converters([column[0] for column in select[: compiler.col_count]])
        self.model = info["model"]
        start, end = info["select_fields"][0], info["select_fields"][-1] + 1
        self.fields = slice(start, end)
        self.init_list = [column[0].target.attname for column in select[start:end]]
        # select_related's populators, each with the name its object is cached under.
        populators = get_related_populators(info, select, queryset.db)
        names = [related["field"].cache_name for related in info.get("related_klass_infos", [])]
        self.related = list(zip(populators, names, strict=True))
        self.annotations = list(compiler.annotation_col_map.items())

    @property
    def slots(self) -> set[str]:
        return {name for name, _ in self.params if name is not None}

    def run(self, connection: Any, using: str, values: dict[str, Any]) -> list:
        """The objects of the SQL run with `values` in its slots, made as Django's
        `ModelIterable` makes them, but for one thing: rows that name the same related row share
        its object (a board's page of 21 posts has one board; making it 21 times was a fifth of
        the page) — what the objects are read for must not change them."""
        params = [value if name is None else values[name] for name, value in self.params]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = list(self.compiler.apply_converters(rows, self.converters))
        objects = []
        made: list[dict[Any, Model]] = [{} for _ in self.related]
        for row in rows:
            instance = self.model.from_db(using, self.init_list, row[self.fields])
            for (populator, cache_name), seen in zip(self.related, made, strict=True):
                data = (
                    populator.reorder_for_init(row)
                    if populator.reorder_for_init
                    else row[populator.cols_start : populator.cols_end]
                )
                key = data[populator.pk_idx]
                if key is not None and key in seen:
                    populator.local_setter(instance, seen[key])
                    populator.remote_setter(seen[key], instance)
                    continue
                populator.populate(row, instance)
                if key is not None:
                    seen[key] = instance._state.fields_cache[cache_name]
            for name, position in self.annotations:
                setattr(instance, name, row[position])
            objects.append(instance)
        return objects


class CompiledGet(Generic[M]):
    """`CompiledGet(User.objects.select_related("school"))(pk)`: the row with that primary key, or
    None. The queryset, filtered by nothing else, is compiled once per connection."""

    def __init__(self, queryset: "QuerySet[M]", *, using: str = "default") -> None:
        self.queryset = queryset
        self.model: type[M] = queryset.model
        self.using = using
        self.attribute = f"_compiled_get_{id(self)}"

    def _compiled(self, connection: Any) -> _Compiled:
        compiled = getattr(connection, self.attribute, None)
        if compiled is None:
            pk = self.model._meta.pk
            placeholder = uuid.UUID(int=0) if isinstance(pk, UUIDField) else 0  # any value of the key's type
            compiled = _Compiled(self.queryset.filter(pk=placeholder), connection, slot=lambda param: "pk")
            if len(compiled.params) != 1:
                raise ValueError("CompiledGet takes a queryset filtered by its primary key alone")
            setattr(connection, self.attribute, compiled)
        return compiled

    def __call__(self, pk: Any) -> M | None:
        connection = connections[self.using]
        field = self.model._meta.pk
        key = field.get_db_prep_value(field.to_python(pk), connection)
        found = self._compiled(connection).run(connection, self.using, {"pk": key})
        return found[0] if found else None


# Stand-ins for the values of a `CompiledQuery` while it compiles: ids nothing real holds (ids and
# cursor positions are checked to be within ±MAX_ID, far from these), and for a text (a search's
# words) a text that starts with a NUL, which no input holds.
_STAND_IN = -(2**62)
_MARK = "\x00stand-in:"

Value = int | str


def _stand_in(n: int, value: Value) -> Value:
    return _STAND_IN - n if isinstance(value, int) else f"{_MARK}{n}"


def _marked(param: Any) -> bool:
    """Whether a stand-in text is somewhere in `param`."""
    return isinstance(param, str) and _MARK in param


def _name_of(param: Any, stand_ins: dict[str, Value]) -> str | None:
    """The value whose stand-in `param` is (None: a value of the query's own)."""
    return next((name for name, stand_in in stand_ins.items() if stand_in == param), None)


class CompiledQuery(Generic[M]):
    """`CompiledQuery(make)(shape, board=7, after=123)`: the objects of `make(shape, board=…,
    after=…)`, a queryset whose SQL depends on `shape` alone (its filters, order and slice) and
    takes the named values (ints: ids, positions; texts: a search's words) as
    parameters. Each shape is compiled once per connection, with stand-in values in their
    place, and then run with the real ones (objects made as `_Compiled.run` says). A value the
    SQL does not take as a parameter of its own — none at all, or changed on its way (a `LIKE`
    wraps a word in `%`) — is refused when compiling."""

    def __init__(self, make: Callable[..., "QuerySet[M]"], *, using: str = "default") -> None:
        self.make = make
        self.using = using
        self.attribute = f"_compiled_query_{id(self)}"

    def __call__(self, shape: Hashable, **values: Value) -> list[M]:
        connection = connections[self.using]
        kept: dict[Hashable, _Compiled] = connection.__dict__.setdefault(self.attribute, {})
        compiled = kept.get((shape, *values))
        if compiled is None:
            stand_ins = {name: _stand_in(n, value) for n, (name, value) in enumerate(values.items())}
            queryset = self.make(shape, **stand_ins)
            compiled = _Compiled(queryset, connection, slot=lambda param: _name_of(param, stand_ins))
            if compiled.slots != set(values):
                raise ValueError(f"CompiledQuery: {sorted(set(values) - compiled.slots)} reach no parameter")
            if any(_marked(param) for name, param in compiled.params if name is None):
                raise ValueError("CompiledQuery: a value reaches the SQL changed, not as a parameter")
            kept[(shape, *values)] = compiled
        return compiled.run(connection, self.using, values)
