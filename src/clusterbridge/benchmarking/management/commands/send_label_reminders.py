from django.core.management.base import BaseCommand

from clusterbridge.benchmarking.tasks import send_label_reminders


class Command(BaseCommand):
    help = "Expire labels past their validity and remind organisations of labels expiring soon."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as of this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        result = send_label_reminders.call(today=today)
        self.stdout.write(f"{result['expired']} label(s) expired, {result['reminded']} reminded.")
