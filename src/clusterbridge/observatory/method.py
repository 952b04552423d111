"""The method's parameters, shared by the import (services) and the read side (queries).

The star thresholds are ``clusterstats.Thresholds``' defaults, those of the European Cluster
Observatory: size and focus in the top 10 % of regions, specialisation at a location quotient
of 2, productivity in the top quarter (see docs/observatory.md)."""

from clusterbridge.clusterstats import Thresholds

THRESHOLDS = Thresholds()
SPECIALISED_LQ = THRESHOLDS.specialisation_lq
