from django.apps import AppConfig


class BenchmarkingConfig(AppConfig):
    name = "clusterbridge.benchmarking"
    label = "benchmarking"
