using BenchmarkDotNet.Running;
using StageControl.Benchmarks;

// dotnet run -c Release --project tests/StageControl.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(CodecBenchmarks).Assembly).Run(args);
