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
    def __init__(self, queryset: QuerySet, connection: Any) -> None:
        compiler = queryset.query.get_compiler(connection=connection)
        self.sql, params = compiler.as_sql()
        if len(params) != 1:
            raise ValueError("CompiledGet takes a queryset filtered by its primary key alone")
        columns = [column for column, _, _ in compiler.select]
        self.compiler = compiler
        self.converters = compiler.get_converters(columns)
        model = queryset.model
        self.fields = [field.attname for field in model._meta.concrete_fields]
        related = compiler.klass_info["related_klass_infos"] if compiler.klass_info else []
        self.related = []
        start = len(self.fields)
        for info in related:
            field = info["field"]
            names = [f.attname for f in info["model"]._meta.concrete_fields]
            self.related.append((field.cache_name, info["model"], start, start + len(names), names))
            start += len(names)
        if start != len(columns):
            raise ValueError("CompiledGet reads plain columns only (no annotations, no deferred fields)")


class CompiledGet(Generic[M]):
    """`CompiledGet(User.objects.select_related("school"))(pk)`: the row with that primary key, or
    None. The queryset (plain columns and `select_related` only) is compiled once per connection."""

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
            compiled = _Compiled(self.queryset.filter(pk=placeholder), connection)
            setattr(connection, self.attribute, compiled)
        return compiled

    def __call__(self, pk: Any) -> M | None:
        connection = connections[self.using]
        compiled = self._compiled(connection)
        field = self.model._meta.pk
        key = field.get_db_prep_value(field.to_python(pk), connection)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, [key])
            rows = cursor.fetchall()
        if not rows:
            return None
        if compiled.converters:
            rows = list(compiled.compiler.apply_converters(rows, compiled.converters))
        row = rows[0]
        instance = self.model.from_db(self.using, compiled.fields, row[: len(compiled.fields)])
        for cache_name, model, start, end, names in compiled.related:
            related = None if row[start] is None else model.from_db(self.using, names, row[start:end])
            instance._state.fields_cache[cache_name] = related
        return instance


# Stand-ins for the values of a `CompiledQuery` while it compiles: ids nothing real holds (ids and
# cursor positions are checked to be within ±MAX_ID, far from these).
_STAND_IN = -(2**62)


class _CompiledRows:
    def __init__(self, queryset: QuerySet, stand_ins: dict[int, str], connection: Any) -> None:
        compiler = queryset.query.get_compiler(connection=connection)
        self.sql, params = compiler.as_sql()
        self.params = [(stand_ins.get(p) if isinstance(p, int) else None, p) for p in params]
        bound = {name for name, _ in self.params if name is not None}
        if bound != set(stand_ins.values()):
            raise ValueError(f"CompiledQuery: {sorted(set(stand_ins.values()) - bound)} reach no parameter")
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


class CompiledQuery(Generic[M]):
    """`CompiledQuery(make)(shape, board=7, after=123)`: the objects of `make(shape, board=…,
    after=…)`, a queryset whose SQL depends on `shape` alone (its filters, order and slice) and
    takes the named values (ints: ids, positions) as parameters. Each shape is compiled once per
    connection, with stand-in values in their place, and then run with the real ones; the
    objects are built as Django's `ModelIterable` builds them (`select_related`, `only`,
    annotations), but for one thing: rows that name the same related row share its object —
    what the objects are read for must not change them. A value the SQL does not take as a
    parameter is refused when compiling."""

    def __init__(self, make: Callable[..., "QuerySet[M]"], *, using: str = "default") -> None:
        self.make = make
        self.using = using
        self.attribute = f"_compiled_query_{id(self)}"

    def __call__(self, shape: Hashable, **values: int) -> list[M]:
        connection = connections[self.using]
        kept: dict[Hashable, _CompiledRows] = connection.__dict__.setdefault(self.attribute, {})
        compiled = kept.get((shape, *values))
        if compiled is None:
            stand_ins = {name: _STAND_IN - n for n, name in enumerate(values)}
            queryset = self.make(shape, **stand_ins)
            compiled = _CompiledRows(queryset, {v: k for k, v in stand_ins.items()}, connection)
            kept[(shape, *values)] = compiled
        params = [value if name is None else values[name] for name, value in compiled.params]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = list(compiled.compiler.apply_converters(rows, compiled.converters))
        objects = []
        # One object per related row of the result: a board's page of 21 posts has one board,
        # and making the same board 21 times was a fifth of the page (read-only rows share it).
        made: list[dict[Any, Model]] = [{} for _ in compiled.related]
        for row in rows:
            instance = compiled.model.from_db(self.using, compiled.init_list, row[compiled.fields])
            for (populator, cache_name), seen in zip(compiled.related, made, strict=True):
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
            for name, position in compiled.annotations:
                setattr(instance, name, row[position])
            objects.append(instance)
        return objects
