namespace Zfpe.Reference.Files;

/// <summary>The element type a tensor had on disk (the codecs work on float32).</summary>
public enum TensorDType
{
    /// <summary>IEEE float32, NumPy '&lt;f4'.</summary>
    Float32 = 1,

    /// <summary>IEEE float64, NumPy '&lt;f8'; read values are rounded to float32.</summary>
    Float64 = 2,

    /// <summary>IEEE float16 (binary16), NumPy '&lt;f2'; read values widen to float32 exactly.</summary>
    Float16 = 3,
}
