import pytest

from campus.accounts.models import WITHDRAWN_NICKNAME, User
from campus.accounts.tests.factories import TEST_PASSWORD, SchoolFactory, UserFactory
from conftest import client_for

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"
LOGIN = "/api/v1/auth/login/"
REFRESH = "/api/v1/auth/refresh/"


def login(api, username, password=TEST_PASSWORD):
    return api.post(LOGIN, {"username": username, "password": password}, format="json")


class TestProfile:
    def test_get_me(self, auth_api, user, django_assert_num_queries):
        from campus.accounts.api.serializers import SchoolRefOutput, UserOutput

        with django_assert_num_queries(1):  # the student and their school, in the token check
            res = auth_api.get(ME)
        assert res.status_code == 200
        me = res.json()
        assert list(me) == list(UserOutput().fields)  # shaped by hand, as the schema declares
        assert (me["id"], me["username"], me["email"]) == (str(user.id), user.username, user.email)
        assert me["school"] == {"id": user.school_id, "name": user.school.name}
        assert list(me["school"]) == list(SchoolRefOutput().fields)
        assert me["date_joined"].endswith("+09:00")

    def test_patch_changes_only_nickname_and_email(self, auth_api, user, other_school):
        res = auth_api.patch(
            ME,
            {
                "nickname": "새닉네임",
                "email": "New@Example.com",
                "password": TEST_PASSWORD,
                "school": other_school.id,
                "id": "00000000-0000-0000-0000-000000000000",
                "is_staff": True,
                "username": "hijack",
                "admission_year": 1999,
            },
            format="json",
        )
        assert res.status_code == 200
        user.refresh_from_db()
        assert (user.nickname, user.email) == ("새닉네임", "New@example.com")
        assert user.school_id != other_school.id
        assert not user.is_staff
        assert user.username != "hijack"
        assert user.admission_year == 2024
        assert res.json()["nickname"] == "새닉네임"

    def test_patch_duplicate_nickname_any_case_is_400(self, auth_api, user):
        UserFactory(nickname="Taken", school=user.school)
        res = auth_api.patch(ME, {"nickname": "tAKEN"}, format="json")
        assert res.status_code == 400
        assert "nickname" in res.json()
        user.refresh_from_db()
        assert user.nickname != "tAKEN"

    def test_patch_own_nickname_again_is_fine(self, auth_api, user):
        res = auth_api.patch(ME, {"nickname": user.nickname.upper()}, format="json")
        assert res.status_code == 200

    def test_patch_bad_types(self, auth_api, user):
        res = auth_api.patch(ME, {"nickname": {"a": 1}, "email": "nope"}, format="json")
        assert res.status_code == 400
        assert set(res.json()) == {"nickname", "email"}

    def test_logged_out(self, api):
        assert api.patch(ME, {"nickname": "x"}, format="json").status_code == 401


class TestPasswordChange:
    url = "/api/v1/me/password/"

    def test_changes_password_and_kills_earlier_tokens(self, api, user):
        tokens = login(api, user.username).json()
        second = login(api, user.username).json()
        client = client_for(user)
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
        res = api.post(
            self.url, {"old_password": TEST_PASSWORD, "new_password": "brand-New-pass-77"}, format="json"
        )
        assert res.status_code == 204
        api.credentials()
        for refresh in (tokens["refresh"], second["refresh"]):
            assert api.post(REFRESH, {"refresh": refresh}, format="json").status_code == 401
        # Access tokens issued before the change stop working at once.
        assert client.get(ME).status_code == 401
        assert login(api, user.username).status_code == 401
        fresh = login(api, user.username, "brand-New-pass-77")
        assert fresh.status_code == 200
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {fresh.json()['access']}")
        assert api.get(ME).status_code == 200

    def test_wrong_old_password_is_400(self, auth_api, user):
        res = auth_api.post(
            self.url, {"old_password": "nope", "new_password": "brand-New-pass-77"}, format="json"
        )
        assert res.status_code == 400
        assert "old_password" in res.json()
        user.refresh_from_db()
        assert user.check_password(TEST_PASSWORD)

    def test_weak_new_password_is_400(self, auth_api, user):
        res = auth_api.post(self.url, {"old_password": TEST_PASSWORD, "new_password": "1234"}, format="json")
        assert res.status_code == 400
        assert "new_password" in res.json()
        user.refresh_from_db()
        assert user.check_password(TEST_PASSWORD)


class TestWithdrawal:
    def test_withdraw_kills_login_and_tokens(self, api, user):
        tokens = login(api, user.username).json()
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
        res = api.delete(ME, {"password": TEST_PASSWORD}, format="json")
        assert res.status_code == 204
        assert api.get(ME).status_code == 401
        api.credentials()
        assert api.post(REFRESH, {"refresh": tokens["refresh"]}, format="json").status_code == 401
        assert login(api, user.username).status_code == 401
        user.refresh_from_db()
        assert user.withdrawn_at is not None
        assert not user.is_active
        assert user.display_name == WITHDRAWN_NICKNAME
        assert "example.com" not in user.email

    def test_username_stays_reserved(self, api, user):
        client_for(user).delete(ME, {"password": TEST_PASSWORD}, format="json")
        res = api.post(
            "/api/v1/auth/signup/",
            {
                "school": user.school_id,
                "username": user.username,
                "password": "unusual-Pass-4821",
                "email": "x@example.com",
                "nickname": "새사람",
                "admission_year": 2024,
            },
            format="json",
        )
        assert res.status_code == 400
        assert "username" in res.json()

    def test_wrong_password_keeps_account(self, auth_api, user):
        res = auth_api.delete(ME, {"password": "wrong"}, format="json")
        assert res.status_code == 400
        assert "password" in res.json()
        user.refresh_from_db()
        assert user.is_active and user.withdrawn_at is None

    def test_missing_password_is_400(self, auth_api, user):
        assert auth_api.delete(ME, {}, format="json").status_code == 400
        assert User.objects.get(pk=user.pk).is_active


def test_user_manager(db):
    school = SchoolFactory()
    user = User.objects.create_user(
        "plain_user",
        "pw-Strong-123",
        email="A@EXAMPLE.COM",
        nickname="n1",
        admission_year=2020,
        school=school,
    )
    assert user.email == "A@example.com"
    assert not user.is_staff
    admin = User.objects.create_superuser("root_admin", "pw-Strong-123", email="root@example.com")
    assert admin.is_staff and admin.is_superuser
    assert User.objects.get_by_natural_key("PLAIN_USER") == user
