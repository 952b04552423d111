"""Cluster-management benchmarking computations on plain data (no Django import).

``scoring``: rate an answer green/yellow/red by its indicator's thresholds; dimension and overall
scores. ``peers``: percentile ranks against a population and a peer group. ``labels``: the
Bronze/Silver/Gold eligibility rules and label validity. The benchmarking app feeds these with
plain values read from its models.
"""
