import sys

from quotes.cli.app import main

sys.exit(main())
