using Outreach.Cli;

var code = await OutreachCli.RunAsync(args, Console.Out, Console.Error);

// The command has finished and stopped what it started; a storage or database client still retrying in the
// background must not keep the process alive after that.
await Console.Out.FlushAsync();
await Console.Error.FlushAsync();
Environment.Exit(code);
