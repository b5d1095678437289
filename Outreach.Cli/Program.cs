using Outreach.Cli;

return await OutreachCli.RunAsync(args, Console.Out, Console.Error);
