"""OnePane entry point: `python main.py [command]`. Everything lives in console.app."""

import sys

from console.app import main

if __name__ == "__main__":
    sys.exit(main())
