"""One refresh token, redeemed by several requests at the same moment on real connections:
exactly one succeeds, so a stolen token can never fork a session unnoticed."""

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from campus.accounts.services import tokens_for
from campus.accounts.tests.factories import UserFactory
from campus.core.tests.helpers import run_concurrently

REFRESH = "/api/v1/auth/refresh/"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("concurrent", [2, 4])
def test_concurrent_redemptions_of_one_refresh_token_let_exactly_one_through(concurrent):
    user = UserFactory()
    for _round in range(4):
        refresh = tokens_for(user)["refresh"]
        answers = []

        def redeem(token=refresh):
            res = APIClient().post(REFRESH, {"refresh": token}, format="json")
            answers.append((res.status_code, res.json()))

        errors = run_concurrently(redeem, [() for _ in range(concurrent)])

        assert errors == []
        assert sorted(status for status, _ in answers) == [200] + [401] * (concurrent - 1)
        winner = next(body for status, body in answers if status == 200)
        assert all(body["code"] == "token_not_valid" for status, body in answers if status == 401)
        # The old token is blacklisted once; only the winner's new token lives on.
        assert BlacklistedToken.objects.filter(token__token=refresh).count() == 1
        assert APIClient().post(REFRESH, {"refresh": refresh}, format="json").status_code == 401
        assert APIClient().post(REFRESH, {"refresh": winner["refresh"]}, format="json").status_code == 200
    live = OutstandingToken.objects.filter(user=user, blacklistedtoken__isnull=True).count()
    assert live == 4  # per round, only the token issued by the last redemption
