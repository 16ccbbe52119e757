from django.core.management.base import BaseCommand, CommandError

from medcorridor.accounts.enums import Role
from medcorridor.accounts.models import Organisation
from medcorridor.accounts.services import create_user
from medcorridor.core.errors import DomainError


class Command(BaseCommand):
    help = "Users: create USERNAME --organisation NAME_OR_UUID --role ROLE [--password P] [--email E] | list"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "list"])
        parser.add_argument("username", nargs="?")
        parser.add_argument("--organisation", help="English name, short name or public UUID")
        parser.add_argument("--role", choices=Role.values)
        parser.add_argument("--password")
        parser.add_argument("--email", default="")
        parser.add_argument("--staff", action="store_true", help="may use the Django admin")

    def handle(self, *args, action: str, **options):
        if action == "list":
            return self._list()
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
