"""Who sees the audience figures: platform staff (declared once, django-rules)."""

import rules

rules.add_perm("analytics.view_audience", rules.is_staff)
