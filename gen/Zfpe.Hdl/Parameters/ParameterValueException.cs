namespace Zfpe.Hdl;

/// <summary>
/// A parameter value that its declaration does not allow. <see cref="ArgumentException.ParamName"/>
/// is the config property (<c>ClockMhz</c>); the message names the parameter as users write it,
/// the value and what is allowed, and reads the same on the command line as in code.
/// </summary>
public sealed class ParameterValueException(string message, string propertyName) : ArgumentException(message, propertyName)
{
    private readonly string plain = message;

    /// <summary>The message alone, without the "(Parameter ...)" suffix ArgumentException adds.</summary>
    public override string Message => plain;
}
