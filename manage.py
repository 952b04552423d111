#!/usr/bin/env python
"""Equivalent to the installed ``clusterbridge`` command."""

import sys

from clusterbridge.cli import main

if __name__ == "__main__":
    sys.exit(main())
