from dossiercli.cli import main

main()
