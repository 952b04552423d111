"""The API's body parsers: DRF's, made safe against input that would otherwise be a 500.

- JSON nested too deeply for Python's decoder (RecursionError) is a parse error (400).
- Multipart fields, names and file names holding a NUL character are a 400: PostgreSQL cannot
  compare them. (JSON bodies, paths and query strings are checked before any view runs, by
  common.badinput.RejectNulMiddleware; Django does not parse multipart bodies of PATCH for it.)
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

NUL = "\x00"


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON parse error - the document is nested too deeply.")) from None


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        texts = [(name, values) for name, values in parsed.data.lists()] + [
            (name, [upload.name or "" for upload in uploads])
            for name, uploads in parsed.files.lists()
        ]
        for name, values in texts:
            if NUL in name or any(NUL in value for value in values):
                raise ParseError(
                    _("The field “%(name)s” contains a NUL character (%(nul)s); remove it.")
                    % {"name": name.replace(NUL, ""), "nul": "%00"}
                )
        return parsed
