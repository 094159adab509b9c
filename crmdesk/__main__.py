import sys

from crmdesk.cli import main

sys.exit(main())
