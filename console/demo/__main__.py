import sys

from console.demo.cli import main

sys.exit(main(sys.argv[1:]))
