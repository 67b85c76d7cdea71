"""The subcommands of `course`, one module each."""
