from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from campus.accounts.models import User
from campus.accounts.tests.factories import TEST_PASSWORD, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/api/v1/auth/signup/"
LOGIN = "/api/v1/auth/login/"
REFRESH = "/api/v1/auth/refresh/"
LOGOUT = "/api/v1/auth/logout/"
ME = "/api/v1/me/"


def signup_body(school_obj, **overrides):
    body = {
        "school": school_obj.id,
        "username": "hongik_kim",
        "password": "unusual-Pass-4821",
        "email": "kim@example.com",
        "nickname": "와우산다람쥐",
        "admission_year": 2023,
    }
    body.update(overrides)
    return body


def bearer(api, token):
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api


class TestSchools:
    def test_lists_schools_publicly_and_searches(self, api):
        SchoolFactory(name="홍익대학교")
        SchoolFactory(name="서강대학교")
        res = api.get("/api/v1/schools/")
        assert res.status_code == 200
        assert [s["name"] for s in res.json()] == ["서강대학교", "홍익대학교"]
        assert set(res.json()[0]) == {"id", "name", "email_domains", "verification"}
        assert res.json()[0]["email_domains"] == [] and res.json()[0]["verification"] == "optional"
        res = api.get("/api/v1/schools/", {"search": "홍익"})
        assert [s["name"] for s in res.json()] == ["홍익대학교"]


class TestSignup:
    def test_creates_user_and_returns_tokens(self, api, school):
        res = api.post(SIGNUP, signup_body(school), format="json")
        assert res.status_code == 201
        body = res.json()
        assert body["user"]["username"] == "hongik_kim"
        assert body["user"]["school"] == {"id": school.id, "name": school.name}
        assert body["user"]["admission_year"] == 2023
        assert set(body["user"]) == {
            "id",
            "username",
            "email",
            "nickname",
            "admission_year",
            "school",
            "date_joined",
            "is_verified",
            "verified_at",
        }
        assert (body["user"]["is_verified"], body["user"]["verified_at"]) == (False, None)  # a new student
        assert "password" not in body["user"]
        user = User.objects.get(username="hongik_kim")
        assert user.check_password("unusual-Pass-4821")
        assert str(user.id) == body["user"]["id"]
        me = bearer(api, body["access"]).get(ME)
        assert me.status_code == 200
        assert me.json()["nickname"] == "와우산다람쥐"

    def test_hashes_with_argon2_by_default(self, settings):
        from config import settings as project_settings

        assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("username", "x" * 5000),
            ("username", "한글아이디"),
            ("username", "ab"),
            ("username", ["list"]),
            ("email", "not-an-email"),
            ("nickname", "n" * 21),
            ("nickname", ""),
            ("school", None),
            ("school", 999999),
            ("school", "abc"),
            ("admission_year", 2999),
            ("admission_year", "twenty"),
            ("admission_year", 1800),
            ("password", "12345678"),
            ("password", "password"),
            ("password", "short"),
        ],
    )
    def test_bad_input_is_400_with_field_message_and_writes_nothing(self, api, school, field, value):
        res = api.post(SIGNUP, signup_body(school, **{field: value}), format="json")
        assert res.status_code == 400
        assert field in res.json()
        assert isinstance(res.json()[field][0], str)
        assert User.objects.count() == 0

    def test_future_admission_year_message(self, api, school):
        res = api.post(
            SIGNUP, signup_body(school, admission_year=timezone.localdate().year + 1), format="json"
        )
        assert res.json() == {"admission_year": ["입학년도는 미래일 수 없습니다."]}

    def test_missing_school_is_required(self, api, school):
        body = signup_body(school)
        del body["school"]
        res = api.post(SIGNUP, body, format="json")
        assert res.status_code == 400
        assert "school" in res.json()

    @pytest.mark.parametrize(
        ("field", "value"),
        [("username", "HONGIK_KIM"), ("email", "KIM@Example.COM"), ("nickname", "와우산다람쥐")],
    )
    def test_duplicates_in_any_case_are_400(self, api, school, field, value):
        UserFactory(username="hongik_kim", email="kim@example.com", nickname="와우산다람쥐", school=school)
        fresh = {"username": "another1", "email": "another@example.com", "nickname": "다른사람"}
        fresh[field] = value
        res = api.post(SIGNUP, signup_body(school, **fresh), format="json")
        assert res.status_code == 400
        assert list(res.json()) == [field]
        assert User.objects.count() == 1

    def test_malformed_json_is_400(self, api):
        res = api.post(SIGNUP, data="{not json", content_type="application/json")
        assert res.status_code == 400
        assert "detail" in res.json()

    def test_non_json_body_is_415_or_400(self, api, school):
        res = api.post(SIGNUP, data="just text", content_type="text/plain")
        assert res.status_code == 415
        assert User.objects.count() == 0

    def test_password_similar_to_username_is_refused(self, api, school):
        res = api.post(
            SIGNUP, signup_body(school, username="hongikkim99", password="hongikkim99"), format="json"
        )
        assert res.status_code == 400
        assert "password" in res.json()

    def test_signups_are_throttled_per_address(self, api, school, settings):
        from rest_framework.throttling import ScopedRateThrottle

        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK}
        ScopedRateThrottle.THROTTLE_RATES = {**ScopedRateThrottle.THROTTLE_RATES, "signup": "3/hour"}
        try:
            codes = [
                api.post(
                    SIGNUP,
                    signup_body(school, username=f"user{i}x", email=f"u{i}@example.com", nickname=f"닉{i}x"),
                    format="json",
                ).status_code
                for i in range(4)
            ]
        finally:
            ScopedRateThrottle.THROTTLE_RATES = {**ScopedRateThrottle.THROTTLE_RATES, "signup": "300/hour"}
        assert codes == [201, 201, 201, 429]
        assert User.objects.count() == 3

    def test_default_rates_are_generous_enough_for_a_campus_nat(self):
        from rest_framework.throttling import ScopedRateThrottle

        throttle = ScopedRateThrottle()
        signups, per_signup = throttle.parse_rate(ScopedRateThrottle.THROTTLE_RATES["signup"])
        logins, per_login = throttle.parse_rate(ScopedRateThrottle.THROTTLE_RATES["login"])
        assert signups / per_signup * 3600 >= 60
        assert logins / per_login * 3600 >= 300


class TestLogin:
    def test_returns_user_and_tokens(self, api, user):
        res = api.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD}, format="json")
        assert res.status_code == 200
        assert res.json()["user"]["id"] == str(user.id)
        access = AccessToken(res.json()["access"])
        assert access["user_id"] == str(user.id)
        assert access.lifetime <= timedelta(minutes=15)

    def test_username_is_case_insensitive(self, api, user):
        res = api.post(LOGIN, {"username": user.username.upper(), "password": TEST_PASSWORD}, format="json")
        assert res.status_code == 200

    def test_wrong_password_and_unknown_user_look_the_same(self, api, user):
        wrong = api.post(LOGIN, {"username": user.username, "password": "nope-nope"}, format="json")
        unknown = api.post(LOGIN, {"username": "ghost_user", "password": "nope-nope"}, format="json")
        assert wrong.status_code == unknown.status_code == 401
        assert wrong.json() == unknown.json()
        assert wrong.json()["code"] == "invalid_credentials"

    def test_missing_fields_are_400(self, api):
        res = api.post(LOGIN, {"username": "a"}, format="json")
        assert res.status_code == 400
        assert "password" in res.json()

    def test_five_failures_lock_the_username(self, api, user):
        for _ in range(5):
            res = api.post(LOGIN, {"username": user.username, "password": "wrong-pass"}, format="json")
            assert res.status_code == 401
        locked = api.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD}, format="json")
        assert locked.status_code == 429
        assert locked.json()["code"] == "login_locked"
        assert int(locked["Retry-After"]) > 0
        # Another username from the same address still works.
        other = UserFactory(school=user.school)
        ok = api.post(LOGIN, {"username": other.username, "password": TEST_PASSWORD}, format="json")
        assert ok.status_code == 200

    def test_lock_ignores_username_case(self, api, user):
        for i in range(5):
            name = user.username.upper() if i % 2 else user.username
            api.post(LOGIN, {"username": name, "password": "wrong-pass"}, format="json")
        res = api.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD}, format="json")
        assert res.status_code == 429

    def test_success_clears_the_failure_count(self, api, user):
        for _ in range(4):
            api.post(LOGIN, {"username": user.username, "password": "wrong-pass"}, format="json")
        assert (
            api.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD}, format="json").status_code
            == 200
        )
        for _ in range(4):
            api.post(LOGIN, {"username": user.username, "password": "wrong-pass"}, format="json")
        assert (
            api.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD}, format="json").status_code
            == 200
        )

    def test_failures_are_throttled_per_address(self, api, school, settings):
        settings.LOGIN_FAILURE_LIMIT_PER_IP = 3
        codes = [
            api.post(LOGIN, {"username": f"ghost{i}", "password": "x"}, format="json").status_code
            for i in range(4)
        ]
        assert codes == [401, 401, 401, 429]

    def test_request_without_client_address_is_still_answered(self, api, user):
        # Found by the schema fuzzer: a WSGI server that sets no REMOTE_ADDR made login crash.
        res = api.post(
            LOGIN, {"username": user.username, "password": "wrong"}, format="json", REMOTE_ADDR=None
        )
        assert res.status_code == 401
        ok = api.post(
            LOGIN, {"username": user.username, "password": TEST_PASSWORD}, format="json", REMOTE_ADDR=None
        )
        assert ok.status_code == 200

    def test_x_forwarded_for_is_not_trusted_by_default(self, api, settings):
        settings.LOGIN_FAILURE_LIMIT_PER_IP = 2
        codes = [
            api.post(
                LOGIN,
                {"username": f"ghost{i}", "password": "x"},
                format="json",
                HTTP_X_FORWARDED_FOR=f"10.0.0.{i}",
            ).status_code
            for i in range(3)
        ]
        assert codes == [401, 401, 429]


class TestTokens:
    def login(self, api, user):
        return api.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD}, format="json").json()

    def test_refresh_rotates_and_old_refresh_dies(self, api, user):
        tokens = self.login(api, user)
        res = api.post(REFRESH, {"refresh": tokens["refresh"]}, format="json")
        assert res.status_code == 200
        assert set(res.json()) == {"access", "refresh"}
        assert res.json()["refresh"] != tokens["refresh"]
        again = api.post(REFRESH, {"refresh": tokens["refresh"]}, format="json")
        assert again.status_code == 401
        newer = api.post(REFRESH, {"refresh": res.json()["refresh"]}, format="json")
        assert newer.status_code == 200

    def test_refresh_with_garbage_is_401_and_missing_is_400(self, api):
        assert api.post(REFRESH, {"refresh": "garbage"}, format="json").status_code == 401
        assert api.post(REFRESH, {}, format="json").status_code == 400

    def test_access_token_cannot_refresh(self, api, user):
        tokens = self.login(api, user)
        assert api.post(REFRESH, {"refresh": tokens["access"]}, format="json").status_code == 401

    def test_refresh_token_cannot_authenticate(self, api, user):
        tokens = self.login(api, user)
        res = bearer(api, tokens["refresh"]).get(ME)
        assert res.status_code == 401

    def test_forged_token_is_401(self, api, user):
        token = AccessToken.for_user(user)
        forged = str(token)[:-4] + ("AAAA" if not str(token).endswith("AAAA") else "BBBB")
        assert bearer(api, forged).get(ME).status_code == 401
        assert bearer(api, "not.a.jwt").get(ME).status_code == 401

    def test_token_signed_with_another_key_is_401(self, api, user):
        import jwt

        payload = {"token_type": "access", "user_id": str(user.id), "exp": 9999999999, "jti": "x"}
        forged = jwt.encode(payload, "someone-elses-key-that-is-long-enough-for-hs256", algorithm="HS256")
        assert bearer(api, forged).get(ME).status_code == 401

    def test_expired_token_is_401(self, api, user):
        token = AccessToken.for_user(user)
        token.set_exp(from_time=timezone.now() - timedelta(hours=1))
        res = bearer(api, str(token)).get(ME)
        assert res.status_code == 401
        assert res.json()["code"] == "token_not_valid"

    def test_a_token_already_checked_is_refused_once_it_expires(self, api, user, monkeypatch):
        from campus.accounts import authentication

        token = str(AccessToken.for_user(user))
        assert bearer(api, token).get(ME).json()["id"] == str(user.id)  # checked, and kept
        assert bearer(api, token).get(ME).json()["id"] == str(user.id)  # kept
        expires = AccessToken(token)["exp"]
        monkeypatch.setattr(authentication.time, "time", lambda: expires + 1)
        res = bearer(api, token).get(ME)
        assert (res.status_code, res.json()["code"]) == (401, "token_not_valid")

    def test_a_token_already_checked_dies_with_a_password_change_and_its_student(self, api, user):
        token = str(AccessToken.for_user(user))
        assert bearer(api, token).get(ME).status_code == 200
        user.set_password("brand-New-pass-77")
        user.save()
        assert bearer(api, token).get(ME).status_code == 401
        fresh = str(AccessToken.for_user(user))
        assert bearer(api, fresh).get(ME).status_code == 200
        User.objects.filter(pk=user.pk).update(is_active=False)
        assert bearer(api, fresh).get(ME).status_code == 401

    def test_an_altered_copy_of_a_checked_token_is_401(self, api, user):
        token = str(AccessToken.for_user(user))
        assert bearer(api, token).get(ME).status_code == 200
        header, payload, signature = token.split(".")
        for altered in (
            f"{header}.{payload}.{signature[:-2]}",
            f"{header}.{payload}x.{signature}",
            token + "x",
        ):
            assert bearer(api, altered).get(ME).status_code == 401

    def test_logged_out_caller_is_401(self, api):
        res = api.get(ME)
        assert res.status_code == 401
        assert res.json()["code"] == "not_authenticated"

    def test_logout_blacklists_refresh(self, api, user):
        tokens = self.login(api, user)
        res = bearer(api, tokens["access"]).post(LOGOUT, {"refresh": tokens["refresh"]}, format="json")
        assert res.status_code == 204
        api.credentials()
        assert api.post(REFRESH, {"refresh": tokens["refresh"]}, format="json").status_code == 401

    def test_logout_requires_auth_and_a_valid_own_token(self, api, user):
        tokens = self.login(api, user)
        assert api.post(LOGOUT, {"refresh": tokens["refresh"]}, format="json").status_code == 401
        bearer(api, tokens["access"])
        assert api.post(LOGOUT, {"refresh": "garbage"}, format="json").status_code == 400
        other = UserFactory(school=user.school)
        others_refresh = str(RefreshToken.for_user(other))
        res = api.post(LOGOUT, {"refresh": others_refresh}, format="json")
        assert res.status_code == 400
        assert list(res.json()) == ["refresh"]
        api.credentials()
        # The other user's token was not touched.
        assert api.post(REFRESH, {"refresh": others_refresh}, format="json").status_code == 200


def test_login_lock_lives_in_the_database_and_names_nobody(api, user):
    """Every app process reads the same counters, with or without Redis; the rows hold hashes,
    never the username or the address."""
    from campus.accounts.models import LoginFailure

    for _ in range(5):
        api.post(LOGIN, {"username": user.username, "password": "wrong-pass"}, format="json")
    locked = api.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD}, format="json")
    assert locked.status_code == 429
    rows = list(LoginFailure.objects.values_list("key", "count"))
    assert sorted(count for _, count in rows) == [
        5,
        5,
    ]  # the username's and the address's (a locked try is no failure)
    assert all(user.username not in key and "127.0.0.1" not in key for key, _ in rows)
