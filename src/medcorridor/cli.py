"""The ``medcorridor`` command: Django management commands with friendlier names.

medcorridor serve [--port 8000]       run the web server (prints the address and demo logins)
medcorridor migrate                   create or upgrade the database
medcorridor demo load [--if-empty]    load the demo data
medcorridor directory import FILE     import facilities and offers (CSV or XLSX); export FILE
medcorridor users create ...          create a user with a membership
medcorridor fhir export|import|check  FHIR R4 Bundles of referral cases (--as USERNAME)
medcorridor finance report|import-budgets  programme budgets: utilisation report, budget import
medcorridor icd suggest TEXT          ICD-10 suggestions from Russian complaint text
medcorridor audit verify|seal         check the audit and access-log hash chains; seal left-over rows
medcorridor i18n update|compile|check translation catalogues
medcorridor help                      every command
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medcorridor.config.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["medcorridor", *argv])
    args[0] = "medcorridor"
    if len(args) == 1:
        print(__doc__)
        args.append("help")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
