using System.Globalization;

namespace Zfpe.Sim;

/// <summary>What a <see cref="ModelCache"/> did in this process.</summary>
/// <param name="Requests">Calls to GetOrBuild, including those answered from memory.</param>
/// <param name="DiskHits">Models found on disk, built by an earlier run or another process.</param>
/// <param name="Builds">Models compiled by this process.</param>
/// <param name="SecondsBuilding">Time this process spent compiling models.</param>
/// <param name="SecondsSavedByHits">The recorded build time of every disk hit: what the cache saved.</param>
public sealed record CacheStatistics(int Requests, int DiskHits, int Builds, double SecondsBuilding, double SecondsSavedByHits)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Requests} model requests: {DiskHits} cache hits saved {SecondsSavedByHits:0.0} s of builds; {Builds} built in {SecondsBuilding:0.0} s");
}
