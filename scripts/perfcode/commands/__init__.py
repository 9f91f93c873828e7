"""One module per subcommand: each adds its arguments and runs, returning an exit code."""
