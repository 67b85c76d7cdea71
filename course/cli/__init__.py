"""The command line: `course.cli.main.main` parses the options; one module per subcommand."""
