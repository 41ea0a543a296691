import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError

from campus.accounts.models import School

pytestmark = pytest.mark.django_db


def test_healthz_ok(api):
    res = api.get("/healthz")
    assert res.status_code == 200
    assert res.json()["status"] == "ok"


def test_healthz_503_when_database_fails(api):
    with mock.patch("campus.core.views.connection.cursor", side_effect=OperationalError("down")):
        res = api.get("/healthz")
    assert res.status_code == 503
    assert res.json()["status"] == "unavailable"


def test_schema_generates_without_warnings(capsys):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
    assert "Warning" not in capsys.readouterr().err


def test_schema_and_docs_are_public(api):
    res = api.get("/api/schema/")
    assert res.status_code == 200
    assert b"/api/v1/auth/signup/" in res.content
    docs = api.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
    assert b"cdn" not in docs.content.lower()


def test_the_schema_says_which_operations_take_a_bearer_token(api):
    document = api.get("/api/schema/?format=json").json()
    assert document["components"]["securitySchemes"]["jwtAuth"] == {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
    }  # fmt: skip
    assert document["paths"]["/api/v1/me/"]["get"]["security"] == [{"jwtAuth": []}]
    assert document["paths"]["/api/v1/auth/login/"]["post"]["security"] == [{}]  # no token needed


def test_admin_login_page(api):
    assert api.get("/admin/login/").status_code == 200


def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    call_command("seed_demo")
    names = set(School.objects.values_list("name", flat=True))
    assert {"홍익대학교", "이화여자대학교", "서강대학교", "연세대학교"} <= names
    assert School.objects.filter(name="홍익대학교").count() == 1


def test_healthz_answers_head_and_refuses_post(api):
    assert api.head("/healthz").status_code == 200
    assert api.post("/healthz").status_code == 405


def test_unknown_api_path_is_json_404(auth_api):
    res = auth_api.get("/api/v1/posts/not-a-number/")
    assert res.status_code == 404
    assert res.json() == {"detail": "찾을 수 없습니다.", "code": "not_found"}
    assert auth_api.get("/no-such-page/").status_code == 404


def test_schema_groups_every_operation_under_one_known_area(api, settings):
    document = api.get("/api/schema/?format=json").json()
    used = {
        tag
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
        for tag in operation.get("tags", [])
    }
    assert used == set(settings.SCHEMA_TAGS)
    assert [tag["name"] for tag in document["tags"]] == list(settings.SCHEMA_TAGS)
    posts = document["paths"]["/api/v1/boards/{id}/posts/"]
    assert posts["get"]["tags"] == ["게시판"] and posts["post"]["tags"] == ["게시판"]
    assert document["paths"]["/api/v1/me/gpa/"]["get"]["tags"] == ["학점계산기"]
    assert document["paths"]["/api/v1/lectures/"]["get"]["tags"] == ["강의·강의평"]


def test_schema_documents_429_exactly_where_a_throttle_applies(api):
    document = api.get("/api/schema/?format=json").json()
    throttled = sorted(
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "429" in operation["responses"]
    )
    assert throttled == [
        "POST /api/v1/auth/find-username/",
        "POST /api/v1/auth/login/",
        "POST /api/v1/auth/password-reset/",
        "POST /api/v1/auth/password-reset/confirm/",
        "POST /api/v1/auth/signup/",
        "POST /api/v1/conversations/",
        "POST /api/v1/conversations/{id}/messages/",
        "POST /api/v1/me/verification/",
    ]


@pytest.mark.django_db
def test_postgresql_connections_plan_for_ssds_and_prepare_statements(settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        assert "options" not in settings.DATABASES["default"]["OPTIONS"]  # SQLite has no such knob
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"  # search at scale depends on it: docs/decisions.md
    # Prepared statements (docs/decisions.md, "Speed"): bound on the server, planned once.
    assert connection.connection.prepare_threshold == 5
    with connection.cursor() as cursor:
        for _ in range(6):
            cursor.execute("SELECT %s::int + 1", [1])
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT $1::int + 1'")
        assert cursor.fetchone()[0] == 1


@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(2026, 12, 3, 9, 30, 15, 123456, tzinfo=datetime.UTC),
        datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))),
        # The first instant again, in another zone: kept per instant, it is written alike.
        datetime.datetime(
            2026, 12, 3, 18, 30, 15, 123456, tzinfo=datetime.timezone(datetime.timedelta(hours=9))
        ),
        None,
    ],
)
def test_datetime_text_is_what_drf_renders(value):
    from rest_framework import serializers

    from campus.core.api.shapes import datetime_text

    assert datetime_text(value) == serializers.DateTimeField().to_representation(value)
