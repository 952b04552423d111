from django.core.management.base import BaseCommand

from clusterbridge.marketplace.services.opportunities import expire_opportunities


class Command(BaseCommand):
    help = "Expire opportunities after 12 months and remind posters a month before (run daily)."

    def handle(self, *args, **options):
        expired, reminded = expire_opportunities()
        self.stdout.write(f"Expired {expired} opportunities; sent {reminded} renewal reminders.")
