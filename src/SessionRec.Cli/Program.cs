using SessionRec.Cli;

return CliApp.Run(args, CliContext.FromConsole());
