from django.core.management.base import BaseCommand

from clusterbridge.marketplace.services.digest import send_digests


class Command(BaseCommand):
    help = (
        "Send the weekly digest of new matching opportunities to people who opted in (run daily)."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"Sent {sent} marketplace digests.")
