import EndpointLauncher

Launcher.main(arguments: Array(CommandLine.arguments.dropFirst()))
