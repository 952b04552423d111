"""Clusterbridge: the platform for cluster organisations, their members and funders."""
