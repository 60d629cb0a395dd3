using HandlebarsDotNet;

namespace Zfpe.Hdl.Emit;

/// <summary>
/// The Handlebars templates for module-level text (header, port list, instances), compiled once,
/// in strict mode: a template that names a value the emitter does not provide is an error.
/// </summary>
internal static class Templates
{
    internal static readonly IHandlebars Engine = Handlebars.Create(new HandlebarsConfiguration
    {
        ThrowOnUnresolvedBindingExpression = true,
        NoEscape = true,
    });

    public static readonly HandlebarsTemplate<object, object> Module = Compile("module.hbs");
    public static readonly HandlebarsTemplate<object, object> Instance = Compile("instance.hbs");

    private static HandlebarsTemplate<object, object> Compile(string name)
    {
        var resource = $"Zfpe.Hdl.Templates.{name}";
        using var stream = typeof(Templates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"internal: embedded template {resource} is missing");
        using var reader = new StreamReader(stream);
        return Engine.Compile(reader.ReadToEnd());
    }
}
