namespace Zfpe.Reference.Files;

/// <summary>What a .zfpe container holds: the codec and its parameters, the tensor's shape and original dtype, and the bare block stream.</summary>
public sealed class ZfpeContainerContents
{
    public required ContainerCodec Codec { get; init; }

    public required long[] Shape { get; init; }

    public required TensorDType OriginalDType { get; init; }

    /// <summary>The bare block stream (what --raw writes), exactly Codec.CompressedBytes(ValueCount) bytes.</summary>
    public required byte[] Payload { get; init; }

    public long ValueCount
    {
        get
        {
            long count = 1;
            foreach (long d in Shape)
                count = checked(count * d);
            return count;
        }
    }
}
