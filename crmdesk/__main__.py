import sys

from crmdesk.launch import main

sys.exit(main())
