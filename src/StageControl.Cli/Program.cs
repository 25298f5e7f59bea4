using StageControl.Cli;

return StagectlApp.Run(args, Console.Out, Console.Error);
