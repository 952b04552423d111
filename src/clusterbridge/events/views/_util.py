"""The events views report errors and offer files through the shared helpers."""

from clusterbridge.common.downloads import download
from clusterbridge.common.feedback import error_text, flash_error, form_error

__all__ = ["download", "error_text", "flash_error", "form_error"]
