namespace Zfpe.Sim.Sdram;

/// <summary>The SDR SDRAM commands, decoded from CS#, RAS#, CAS#, WE# at a rising edge.</summary>
public enum SdramCommand
{
    /// <summary>CS# high: the chip ignores the other pins.</summary>
    Deselect,
    Nop,
    /// <summary>Open a row in a bank (ACTIVE, "activate").</summary>
    Active,
    /// <summary>READ, with auto precharge when A10 is set.</summary>
    Read,
    /// <summary>WRITE, with auto precharge when A10 is set.</summary>
    Write,
    BurstTerminate,
    /// <summary>Close the open row of one bank, or of all banks when A10 is set.</summary>
    Precharge,
    AutoRefresh,
    LoadModeRegister,
}
