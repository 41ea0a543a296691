from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from campus.accounts import selectors, services, throttling
from campus.accounts.api.serializers import (
    AuthOutput,
    LoginInput,
    PasswordChangeInput,
    ProfileUpdateInput,
    RefreshInput,
    SchoolOutput,
    SchoolQueryInput,
    SignupInput,
    TokenPairOutput,
    UserOutput,
    WithdrawInput,
)
from campus.core.api.schema import REFUSED_CREDENTIALS


def _auth_response(user, *, status_code: int) -> Response:
    body = {"user": UserOutput(user).data, **services.tokens_for(user)}
    return Response(body, status=status_code)


class SchoolListView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        summary="학교 목록 (가입 양식용)",
        parameters=[SchoolQueryInput],
        responses=SchoolOutput(many=True),
    )
    def get(self, request):
        query = SchoolQueryInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(SchoolOutput(selectors.school_list(**query.validated_data), many=True).data)


class SignupView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "signup"

    @extend_schema(summary="회원가입", request=SignupInput, responses={201: AuthOutput})
    def post(self, request):
        data = SignupInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_signup(**data.validated_data)
        return _auth_response(user, status_code=status.HTTP_201_CREATED)


class LoginView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(summary="로그인", request=LoginInput, responses={200: AuthOutput, **REFUSED_CREDENTIALS})
    def post(self, request):
        data = LoginInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.auth_login(**data.validated_data, ip=throttling.client_ip(request))
        return _auth_response(user, status_code=status.HTTP_200_OK)


class RefreshView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        summary="토큰 갱신 (refresh 토큰은 회전되고, 이전 토큰은 더는 쓸 수 없음)",
        description="한 refresh 토큰은 정확히 한 번만 쓸 수 있습니다. 동시에 두 번 보내도 하나만 성공하고 "
        "다른 하나는 `401`입니다.",
        request=RefreshInput,
        responses={200: TokenPairOutput, **REFUSED_CREDENTIALS},
    )
    def post(self, request):
        data = RefreshInput(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(services.auth_refresh(**data.validated_data))


class LogoutView(APIView):
    @extend_schema(summary="로그아웃 (refresh 토큰 폐기)", request=RefreshInput, responses={204: None})
    def post(self, request):
        data = RefreshInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.auth_logout(user=request.user, refresh=data.validated_data["refresh"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    @extend_schema(summary="내 정보", responses=UserOutput)
    def get(self, request):
        return Response(UserOutput(request.user).data)

    @extend_schema(summary="내 정보 수정 (닉네임, 이메일)", request=ProfileUpdateInput, responses=UserOutput)
    def patch(self, request):
        data = ProfileUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_profile_update(user=request.user, **data.validated_data)
        return Response(UserOutput(user).data)

    @extend_schema(summary="회원 탈퇴", request=WithdrawInput, responses={204: None})
    def delete(self, request):
        data = WithdrawInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.user_withdraw(user=request.user, **data.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordChangeView(APIView):
    @extend_schema(summary="비밀번호 변경", request=PasswordChangeInput, responses={204: None})
    def post(self, request):
        data = PasswordChangeInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.user_password_change(user=request.user, **data.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)
