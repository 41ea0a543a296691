from rest_framework.permissions import IsAuthenticated

from campus.accounts.authentication import request_student
from campus.accounts.selectors import community_access_check


class CommunityMember(IsAuthenticated):
    """The community's endpoints (boards, posts, comments, 쪽지): a signed-in student whom 학교
    인증's rule lets in; anybody else gets `401`, an unverified student of a `required` school
    `403 verification_required` (raised by the rule, for reads and writes alike)."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        community_access_check(viewer=request_student(request))
        return True
