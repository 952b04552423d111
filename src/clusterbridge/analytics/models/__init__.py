from clusterbridge.analytics.models.audience import AudienceCount, CountKind

__all__ = ["AudienceCount", "CountKind"]
