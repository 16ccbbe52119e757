"""``medcorridor serve``: the web server, with the address and the demo logins printed first."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from medcorridor.accounts.demo import DEMO_PASSWORD, USERS
from medcorridor.accounts.models import User


class Command(BaseCommand):
    help = "Serve medcorridor on http://127.0.0.1:PORT (the development server, threaded)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, port: int, host: str, **options):
        self.stdout.write(self.style.SUCCESS(f"\nmedcorridor is at http://{host}:{port}/"))
        demo = User.objects.filter(username__in=USERS).order_by("username").values_list("username", flat=True)
        if demo:
            self.stdout.write(f"Demo logins (password “{DEMO_PASSWORD}”):")
            for username in demo:
                org_key, role, *_ = USERS[username]
                self.stdout.write(f"  {username:<20} {role.label}")
        self.stdout.write("")
        call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
