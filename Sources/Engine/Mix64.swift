/// A 64-bit bijective mixer: the SplitMix64 finalizer (Steele, Lea & Flood 2014; constants from
/// Stafford's "Mix13").
///
/// Every counter-based draw in the simulator is `mix64` of a key, so this function alone decides the
/// quality of the random numbers.
/// - Complexity: O(1), five multiply/xor-shift steps.
@inlinable @inline(__always)
public func mix64(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z &>> 31)
}

/// The golden-ratio increment of SplitMix64; successive counters are spaced by it before mixing.
public let golden64: UInt64 = 0x9E37_79B9_7F4A_7C15
