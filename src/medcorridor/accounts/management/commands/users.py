from uuid import UUID

from django.core.management.base import BaseCommand, CommandError

from medcorridor.accounts.enums import Role
from medcorridor.accounts.models import ApiToken, Organisation, User
from medcorridor.accounts.services import create_user, issue_token, revoke_token
from medcorridor.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Users: create USERNAME --organisation NAME_OR_UUID --role ROLE [--password P] [--email E] | list | "
        "token USERNAME --name NAME (prints a new API key) | tokens USERNAME | revoke-token --token ID"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "list", "token", "tokens", "revoke-token"])
        parser.add_argument("username", nargs="?")
        parser.add_argument("--organisation", help="English name, short name or public UUID")
        parser.add_argument("--role", choices=Role.values)
        parser.add_argument("--password")
        parser.add_argument("--email", default="")
        parser.add_argument("--staff", action="store_true", help="may use the Django admin")
        parser.add_argument("--name", default="", help="token: what will use it (e.g. 'hospital HIS export')")
        parser.add_argument("--token", help="revoke-token: the token's id, as `users tokens USERNAME` lists it")

    def handle(self, *args, action: str, **options):
        if action == "list":
            return self._list()
        if action in TOKEN_ACTIONS:
            return TOKEN_ACTIONS[action](self, options)
        if not options["username"] or not options["organisation"] or not options["role"]:
            raise CommandError("create needs USERNAME, --organisation and --role")
        organisation = self._organisation(options["organisation"])
        try:
            user = create_user(
                actor=None,
                username=options["username"],
                password=options["password"] or "",
                email=options["email"],
                organisation=organisation,
                role=options["role"],
                is_staff=options["staff"],
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(self.style.SUCCESS(f"Created {user.username} ({options['role']} at {organisation.name_en})."))

    def _organisation(self, text: str) -> Organisation:
        matches = Organisation.objects.filter(name_en__iexact=text) | Organisation.objects.filter(
            short_name__iexact=text
        )
        if len(text) == 36:
            matches = matches | Organisation.objects.filter(public_id=text)
        found = list(matches.distinct()[:2])
        if len(found) != 1:
            raise CommandError(f"No single organisation is called “{text}” ({len(found)} found).")
        return found[0]

    def _list(self):
        from medcorridor.accounts.models import Membership

        for membership in Membership.objects.select_related("user", "organisation").order_by("user__username"):
            self.stdout.write(f"{membership.user.username:<22} {membership.role:<24} {membership.organisation.name_en}")

    def _user(self, username: str | None) -> User:
        user = User.objects.filter(username=username or "").first()
        if user is None:
            raise CommandError(f"No user is called “{username}”.")
        return user

    def _issue_token(self, options):
        user = self._user(options["username"])
        try:
            token, key = issue_token(actor=None, user=user, name=options["name"])
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stderr.write(f"Token “{token.name}” ({token.public_id}) for {user.username}. Shown once, keep it safe:")
        self.stdout.write(key)  # alone on stdout, so that a script can capture it

    def _list_tokens(self, options):
        user = self._user(options["username"])
        for token in user.api_tokens.order_by("created_at"):
            state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "in use"
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never used"
            self.stdout.write(f"{token.public_id}  {token.name:<30} {state:<18} {used}")

    def _revoke_token(self, options):
        token = ApiToken.objects.filter(public_id=_uuid(options["token"])).first()
        if token is None:
            raise CommandError(f"No API token has the id “{options['token']}”.")
        try:
            revoke_token(actor=None, token=token)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(self.style.SUCCESS(f"Revoked “{token.name}” of {token.user.username}."))


def _uuid(text: str | None) -> UUID | None:
    try:
        return UUID(text or "")
    except ValueError:
        return None


TOKEN_ACTIONS = {"token": Command._issue_token, "tokens": Command._list_tokens, "revoke-token": Command._revoke_token}
