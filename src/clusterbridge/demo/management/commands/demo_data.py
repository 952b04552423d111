from django.core.management.base import BaseCommand

from clusterbridge.demo.generator import (
    DEMO_PASSWORD,
    generate_app_demos,
    generate_demo,
    remove_demo,
)
from clusterbridge.organisations.models import Organisation


class Command(BaseCommand):
    help = "Generate deterministic demo data (marked as demo). Skips if demo data exists, unless --reset."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--reset", action="store_true", help="Delete existing demo data first.")

    def handle(self, *args, organisations, seed, reset, **options):
        if organisations < 10:
            self.stderr.write("Generate at least 10 organisations.")
            return
        if reset:
            remove_demo()
        if Organisation.objects.filter(is_demo=True).exists():
            self.stdout.write("Demo data is already present (use --reset to regenerate).")
        else:
            result = generate_demo(organisations=organisations, seed=seed)
            self.stdout.write(
                f"Generated {result.organisations} organisations and {result.users} accounts."
            )
            for summary in generate_app_demos(seed=seed):
                self.stdout.write(summary)
        self.print_logins()

    def print_logins(self):
        from clusterbridge.demo.generator import ADMIN_EMAIL, STAFF_EMAIL

        self.stdout.write(
            self.style.SUCCESS(
                f"\nDemo logins (password for all: {DEMO_PASSWORD})\n"
                f"  platform staff:             {STAFF_EMAIL}\n"
                f"  organisation administrator: {ADMIN_EMAIL}\n"
            )
        )
