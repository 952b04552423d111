from clusterbridge.accounts.models.consent import Consent
from clusterbridge.accounts.models.user import User

__all__ = ["Consent", "User"]
