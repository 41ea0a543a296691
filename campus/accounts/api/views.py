from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from campus.accounts import recovery, selectors, services, throttling, verification
from campus.accounts.api.serializers import (
    AcceptedOutput,
    AuthOutput,
    EmailInput,
    LoginInput,
    PasswordChangeInput,
    PasswordResetConfirmInput,
    ProfileUpdateInput,
    RefreshInput,
    SchoolOutput,
    SchoolQueryInput,
    SignupInput,
    TokenPairOutput,
    UserOutput,
    VerificationConfirmInput,
    VerificationRequestInput,
    VerificationRequestOutput,
    WithdrawInput,
)
from campus.accounts.authentication import request_student
from campus.core.api.queries import query_input
from campus.core.api.schema import CONFLICT, REFUSED_CREDENTIALS


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
        query = query_input(SchoolQueryInput, request)
        return Response(SchoolOutput(selectors.school_list(**query), many=True).data)


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

    @extend_schema(
        summary="내 정보 수정 (닉네임, 이메일: 이메일은 현재 비밀번호와 함께)",
        request=ProfileUpdateInput,
        responses=UserOutput,
    )
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


class VerificationRequestView(APIView):
    rate_limited_actions = frozenset({"post"})  # 5 codes an hour (accounts.verification)

    @extend_schema(
        summary="학교 인증: 학교 메일로 인증번호 받기",
        description="6자리 인증번호를 메일로 보냅니다 (10분 동안 유효, 새로 받으면 이전 번호는 무효). "
        "한 시간에 5번까지. 다른 활성 계정이 인증한 주소면 `409 email_taken`.",
        request=VerificationRequestInput,
        responses={202: VerificationRequestOutput, **CONFLICT},
    )
    def post(self, request):
        data = VerificationRequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        expires_at = verification.verification_request(user=request_student(request), **data.validated_data)
        return Response(
            VerificationRequestOutput({"expires_at": expires_at}).data, status=status.HTTP_202_ACCEPTED
        )


class VerificationConfirmView(APIView):
    @extend_schema(
        summary="학교 인증: 인증번호 확인",
        description="틀린 번호는 입력 횟수를 하나 씁니다. "
        "5번 틀리면 그 번호는 무효가 되고 새 번호를 받아야 합니다.",
        request=VerificationConfirmInput,
        responses=UserOutput,
    )
    def post(self, request):
        data = VerificationConfirmInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = verification.verification_confirm(user=request_student(request), **data.validated_data)
        return Response(UserOutput(user).data)


class _RecoveryView(APIView):
    """The same `202` whatever the address: whether it has an account is never told."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "recovery"
    kind: recovery.Kind

    def post(self, request):
        data = EmailInput(data=request.data)
        data.is_valid(raise_exception=True)
        recovery.recovery_request(kind=self.kind, email=data.validated_data["email"])
        return Response({"detail": recovery.ACCEPTED}, status=status.HTTP_202_ACCEPTED)


@extend_schema_view(
    post=extend_schema(
        summary="비밀번호 찾기: 재설정 링크 메일 (한 시간, 한 번)",
        request=EmailInput,
        responses={202: AcceptedOutput},
    )
)
class PasswordResetView(_RecoveryView):
    kind = "password_reset"


@extend_schema_view(
    post=extend_schema(
        summary="아이디 찾기: 아이디를 메일로", request=EmailInput, responses={202: AcceptedOutput}
    )
)
class FindUsernameView(_RecoveryView):
    kind = "find_username"


class PasswordResetConfirmView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "recovery"

    @extend_schema(
        summary="비밀번호 재설정 (메일의 링크로)",
        description="성공하면 그 계정의 모든 refresh 토큰과 웹 세션이 끝납니다. "
        "링크는 한 번만 쓸 수 있습니다.",
        request=PasswordResetConfirmInput,
        responses={204: None},
    )
    def post(self, request):
        data = PasswordResetConfirmInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_confirm(**data.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)
