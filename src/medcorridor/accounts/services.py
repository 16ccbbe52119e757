"""Writes for organisations, users and memberships (each audited, each in one transaction)."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medcorridor.audit.enums import AuditAction
from medcorridor.audit.services import audited, record, snapshot
from medcorridor.core.errors import PermissionDenied, ValidationFailed
from medcorridor.core.models import Country

from .api_auth import new_token
from .enums import OrganisationKind, Role
from .models import ApiToken, Membership, Organisation, User
from .scoping import scope_of


def create_organisation(*, actor, kind: str, name_en: str, name_ru: str, country: str, **fields) -> Organisation:
    if kind not in OrganisationKind.values:
        raise ValidationFailed(_("Unknown organisation kind “%(kind)s”.") % {"kind": kind}, field="kind")
    if not Country.objects.filter(code=country).exists():
        raise ValidationFailed(_("Unknown country code “%(code)s”.") % {"code": country}, field="country")
    with transaction.atomic():
        organisation = Organisation.objects.create(
            kind=kind, name_en=name_en, name_ru=name_ru, country_id=country, **fields
        )
        record(actor=actor, action=AuditAction.CREATE, instance=organisation, after=snapshot(organisation))
    return organisation


def create_user(
    *,
    actor,
    username: str,
    password: str,
    email: str = "",
    organisation: Organisation | None = None,
    role: str | None = None,
    first_name: str = "",
    last_name: str = "",
    is_staff: bool = False,
    check_password: bool = True,
) -> User:
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(_("The user name “%(name)s” is taken.") % {"name": username}, field="username")
    if role is not None and role not in Role.values:
        raise ValidationFailed(_("Unknown role “%(role)s”.") % {"role": role}, field="role")
    if check_password:
        try:
            validate_password(password)
        except ValidationError as error:
            raise ValidationFailed(" ".join(error.messages), field="password") from error
    with transaction.atomic():
        user = User.objects.create_user(
            username=username,
            password=password,
            email=email,
            first_name=first_name,
            last_name=last_name,
            is_staff=is_staff,
        )
        record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=user,
            after=snapshot(user, exclude=("password", "groups", "user_permissions", "organisations")),
        )
        if organisation is not None and role is not None:
            add_membership(actor=actor, user=user, organisation=organisation, role=role)
    return user


def add_membership(*, actor, user: User, organisation: Organisation, role: str) -> Membership:
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
        if created:
            record(actor=actor, action=AuditAction.CREATE, instance=membership, after=snapshot(membership))
    user.__dict__.pop("_medcorridor_scope", None)
    return membership


# --- personal API tokens -----------------------------------------------------------------------------

MAX_LIVE_TOKENS = 20
SECRET = ("key_hash",)  # never in an audit row


def _may_manage_tokens_of(actor, user_id: int) -> bool:
    """Users manage their own tokens; administrators (the role, or a superuser) anyone's; None is the
    operator at the command line."""
    return actor is None or actor.pk == user_id or scope_of(actor).is_administrator


def issue_token(*, actor, user: User, name: str) -> tuple[ApiToken, str]:
    """A new personal API token for ``user`` (themselves, or an administrator for them). The key is
    returned once and never stored: only its SHA-256 is kept."""
    if not _may_manage_tokens_of(actor, user.pk):
        raise PermissionDenied(_("You may only create API tokens for yourself."))
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Give the token a name, such as the program that will use it."), field="name")
    if len(name) > 100:
        raise ValidationFailed(_("The name is longer than 100 characters."), field="name")
    if user.api_tokens.filter(revoked_at__isnull=True).count() >= MAX_LIVE_TOKENS:
        raise ValidationFailed(
            _("You have %(count)d tokens in use; revoke one first.") % {"count": MAX_LIVE_TOKENS}, field="name"
        )
    with transaction.atomic():
        token, key = new_token(user, name)
        record(actor=actor, action=AuditAction.CREATE, instance=token, after=snapshot(token, exclude=SECRET))
    return token, key


def revoke_token(*, actor, token: ApiToken) -> ApiToken:
    if not _may_manage_tokens_of(actor, token.user_id):
        raise PermissionDenied(_("You may only revoke your own API tokens."))
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            raise ValidationFailed(_("This token is revoked already."))
        with audited(
            actor=actor, action=AuditAction.VOID, instance=locked, summary=f"API token {locked.name}", exclude=SECRET
        ):
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at", "updated_at"])
    return locked
