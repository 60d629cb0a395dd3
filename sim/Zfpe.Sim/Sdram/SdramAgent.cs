namespace Zfpe.Sim.Sdram;

/// <summary>
/// Puts an <see cref="SdramModel"/> on the SDRAM pins of a Verilated design: every cycle it pokes
/// the word the chip drives into the design's data input, then samples the command, address, mask
/// and data pins that fire at the edge and steps the model with them. A violation stops
/// <see cref="Simulation.Step()"/> with <see cref="SdramViolationException"/> (unless the model
/// collects them). Attaches itself to the simulation; the model's cycles count the edges from then
/// on (agents pause during <see cref="Simulation.Reset"/>).
/// </summary>
/// <remarks>
/// Ports, after <c>prefix</c> (default <c>sdram_</c>): outputs <c>cs_n ras_n cas_n we_n ba a dqm
/// dq_out dq_oe</c> and optionally <c>cke</c> (taken as high when absent); inputs <c>dq_in</c> and
/// optionally <c>dq_in_valid</c> (high when the chip drives DQ: a bench's stand-in for "not high
/// impedance"). Widths are the design's: <c>ba</c> 2, <c>a</c> 13, <c>dqm</c> 2, data 16 bits.
/// </remarks>
public sealed class SdramAgent : ICycleAgent
{
    private readonly SimPort? _cke;
    private readonly SimPort _csN, _rasN, _casN, _weN, _ba, _a, _dqm, _dqOut, _dqOe, _dqIn;
    private readonly SimPort? _dqInValid;
    private SdramDataOut _driving;

    /// <summary>Binds <paramref name="model"/> to the ports named <paramref name="prefix"/> + pin of <paramref name="simulation"/>.</summary>
    public SdramAgent(Simulation simulation, SdramModel model, string prefix = "sdram_")
        : this(simulation, model, SdramPinNames.Controller, prefix)
    {
    }

    /// <summary>Binds <paramref name="model"/> to the ports named <paramref name="prefix"/> + each of <paramref name="names"/> (a board top's: <see cref="SdramPinNames.Ulx3s"/>).</summary>
    public SdramAgent(Simulation simulation, SdramModel model, SdramPinNames names, string prefix = "sdram_")
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(names);
        Model = model;
        SimPort Find(string pin) => simulation.Port(prefix + pin);
        SimPort? Optional(string pin) => simulation.Ports.FirstOrDefault(p => p.Name == prefix + pin);
        _cke = Optional(names.Cke);
        (_csN, _rasN, _casN, _weN) = (Find(names.CsN), Find(names.RasN), Find(names.CasN), Find(names.WeN));
        (_ba, _a, _dqm) = (Find(names.Ba), Find(names.A), Find(names.Dqm));
        (_dqOut, _dqOe, _dqIn) = (Find(names.DqOut), Find(names.DqOe), Find(names.DqIn));
        _dqInValid = Optional(names.DqInValid);
        simulation.Attach(this);
    }

    /// <summary>The chip.</summary>
    public SdramModel Model { get; }

    /// <inheritdoc/>
    public void Drive(Simulation simulation)
    {
        _dqIn.Poke((ulong)_driving.Value);
        _dqInValid?.Poke(_driving.Valid);
    }

    /// <inheritdoc/>
    public void Sample(Simulation simulation)
    {
        var pins = new SdramPins
        {
            Cke = _cke is null || _cke.PeekBool(),
            CsN = _csN.PeekBool(),
            RasN = _rasN.PeekBool(),
            CasN = _casN.PeekBool(),
            WeN = _weN.PeekBool(),
            Ba = (int)_ba.Peek(),
            A = (int)_a.Peek(),
            Dqm = (int)_dqm.Peek(),
            DqOut = (ushort)_dqOut.Peek(),
            DqOe = _dqOe.PeekBool(),
        };
        _driving = Model.Step(pins);
    }
}
