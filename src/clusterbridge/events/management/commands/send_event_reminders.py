from django.core.management.base import BaseCommand

from clusterbridge.events.services import matchmaking, reminders


class Command(BaseCommand):
    help = "Expire unanswered meeting requests and remind participants of tomorrow's events."

    def handle(self, *args, **options):
        expired = matchmaking.expire_requests()
        sent = reminders.send_reminders()
        self.stdout.write(f"{sent} reminders sent, {expired} requests expired.")
