// Robustness: the loader must answer every broken config with problems, never with an exception
// (shared/DESIGN.md "Standards": bad input gets a clear error and never crashes the process).
using System.Text;
using StageControl.Core.Stage;

namespace StageControl.Core.Tests.Stage;

public sealed class StageConfigMutationTests
{
    private const int Iterations = 3000;

    // Replacements chosen to hit the validator's number, string, structure and reference paths.
    private static readonly string[] Tokens =
    [
        "0", "-1", "1e309", "NaN", "\"\"", "null", "true", "[]", "{}", "\"x\"", "9999999999999999999999",
        "\"main/c99r99\"", "\"1-999\"", "\"0/0\"", "\"24000/1001\"", ",", ":", "]", "}", "\"",
    ];

    [Fact]
    public void Parse_RandomlyMutatedDemoConfig_ReturnsProblemsAndNeverThrows()
    {
        // Arrange
        var original = File.ReadAllText(TestStage.DemoPath);
        var rng = new Random(20261121);
        var invalid = 0;

        for (var i = 0; i < Iterations; i++)
        {
            var mutated = Mutate(original, rng, 1 + rng.Next(4));

            // Act
            StageConfigResult result;
            try
            {
                result = StageConfigLoader.Parse(mutated);
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i}: the loader threw {e.GetType().Name}: {e.Message}\n{mutated}");
                return;
            }

            // Assert: a result is either valid with no problems, or invalid with at least one problem that has a path.
            if (result.IsValid)
            {
                Assert.Empty(result.Problems);
            }
            else
            {
                invalid++;
                Assert.NotEmpty(result.Problems);
                Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
            }
        }

        // The mutations must actually break most configs, or this test checks nothing.
        Assert.True(invalid > Iterations / 2, $"only {invalid} of {Iterations} mutations were invalid");
    }

    private static string Mutate(string text, Random rng, int count)
    {
        var sb = new StringBuilder(text);
        for (var k = 0; k < count && sb.Length > 0; k++)
        {
            var at = rng.Next(sb.Length);
            switch (rng.Next(4))
            {
                case 0:
                    sb.Remove(at, Math.Min(1 + rng.Next(8), sb.Length - at));
                    break;
                case 1:
                    sb.Insert(at, Tokens[rng.Next(Tokens.Length)]);
                    break;
                case 2:
                    // Replace the value after a colon, if any, keeping the structure mostly intact.
                    var colon = sb.ToString().IndexOf(':', at);
                    if (colon >= 0)
                    {
                        var end = colon + 1;
                        while (end < sb.Length && sb[end] is not (',' or '}' or ']' or '\n'))
                        {
                            end++;
                        }

                        sb.Remove(colon + 1, end - colon - 1).Insert(colon + 1, " " + Tokens[rng.Next(Tokens.Length)]);
                    }

                    break;
                default:
                    sb[at] = (char)rng.Next(32, 127);
                    break;
            }
        }

        return sb.ToString();
    }
}
