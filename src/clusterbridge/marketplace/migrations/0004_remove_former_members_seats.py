"""Remove seats that former members kept in their organisation's conversations.

Before the ``membership_removed`` receiver, leaving an organisation kept the seat (and with it
access and alerts). A seat in a conversation between organisations is legitimate only while
its user is a member of one of the conversation's organisations: everyone seated there was a
member when it was opened (the sender too). One-to-one conversations are not touched.
"""

from django.db import migrations
from django.db.models import Exists, OuterRef


def remove_former_members_seats(apps, schema_editor):
    Conversation = apps.get_model("marketplace", "Conversation")
    Participant = apps.get_model("marketplace", "Participant")
    Held = Conversation.organisations.through
    held_for = Held.objects.filter(conversation_id=OuterRef("conversation_id"))
    speaks_for = held_for.filter(organisation__memberships__user_id=OuterRef("user_id"))
    Participant.objects.filter(conversation__kind="organisations").filter(
        Exists(held_for), ~Exists(speaks_for)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0003_organisation_posts_index"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(remove_former_members_seats, migrations.RunPython.noop, elidable=True)
    ]
