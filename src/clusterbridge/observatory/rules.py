"""Object permissions of the observatory, declared once (django-rules).

Statistics and datasets are public. Importing, replacing and deleting datasets is for platform
staff, and so are the import jobs (their files and problems): anyone else gets a 404."""

import rules

is_staff = rules.is_staff

rules.add_perm("observatory.import_dataset", is_staff)
rules.add_perm("observatory.view_import", is_staff)
rules.add_perm("observatory.manage_dataset", is_staff)
