from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "clusterbridge.accounts"
    label = "accounts"
