from django.conf import settings
from django.db import models
from django.urls import reverse

from clusterbridge.partnerships.models.partnership import Partnership


class ForumThread(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    last_post_at = models.DateTimeField()
    post_count = models.PositiveIntegerField(default=0)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-last_post_at", "-id"]
        indexes = [models.Index(fields=["partnership", "-last_post_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:thread", kwargs={"slug": self.partnership.slug, "pk": self.pk})


class ForumPost(models.Model):
    thread = models.ForeignKey(ForumThread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField()
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["thread", "created_at", "id"])]

    def __str__(self) -> str:
        return f"Post {self.pk} in {self.thread_id}"


class ThreadSubscription(models.Model):
    thread = models.ForeignKey(ForumThread, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="thread_subscription_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.thread_id}"
