using System.Reflection;
using HandlebarsDotNet;

namespace Zfpe.Flow;

/// <summary>
/// Renders the flow's text files (Yosys script, nextpnr and ecppack arguments, the design's LPF)
/// from Handlebars templates embedded in this assembly. Strict: a template that names a value
/// the model does not have is an error, never an empty string; nothing is HTML-escaped.
/// </summary>
public static class FlowTemplates
{
    private static readonly IHandlebars Engine = Handlebars.Create(new HandlebarsConfiguration
    {
        ThrowOnUnresolvedBindingExpression = true,
        NoEscape = true,
    });

    private static readonly Dictionary<string, HandlebarsTemplate<object, object>> Compiled = [];
    private static readonly Lock Gate = new();

    /// <summary>Renders the template <paramref name="name"/> (e.g. "synth.ys") with <paramref name="model"/>.</summary>
    public static string Render(string name, object model)
    {
        HandlebarsTemplate<object, object> template;
        lock (Gate)
        {
            if (!Compiled.TryGetValue(name, out template!))
            {
                template = Engine.Compile(Source(name));
                Compiled[name] = template;
            }
        }
        try
        {
            return template(model);
        }
        catch (Exception e) when (e is not InvalidOperationException)
        {
            // Strict mode reports "x is undefined"; say which template asked for it.
            throw new InvalidOperationException($"template {name}.hbs: {e.Message}", e);
        }
    }

    /// <summary>Renders an argument template and splits it into arguments, one per non-blank line.</summary>
    public static IReadOnlyList<string> RenderArguments(string name, object model) =>
        Render(name, model).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>The embedded template text.</summary>
    public static string Source(string name)
    {
        var resource = $"Zfpe.Flow.Templates.{name}.hbs";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the flow template '{name}' is not embedded (looked for resource {resource})");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
