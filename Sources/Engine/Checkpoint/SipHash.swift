/// SipHash-2-4, a keyed 64-bit hash (Aumasson & Bernstein 2012, "SipHash: a fast short-input PRF",
/// INDOCRYPT 2012): checkpoints end with the SipHash of everything before them, and record the SipHash
/// of every input file the run read.
///
/// With a key known only to the writer it would be a message authentication code; here the key is
/// fixed and public (``checkpointKey``, which names the checkpoint format), so it refuses accidents and
/// casual edits — a byte changed in an editor, a file from another tool — not a determined forger who
/// reads this source. That is why restoring still validates every value it reads.
///
/// The algorithm, on the 128-bit key (k0, k1) read as two little-endian words:
/// v0 = k0 ⊕ "somepseu", v1 = k1 ⊕ "dorandom", v2 = k0 ⊕ "lygenera", v3 = k1 ⊕ "tedbytes"; each 8-byte
/// little-endian word m of the message (the last one padded with zeros and the length mod 256 in its
/// top byte) is absorbed as v3 ⊕= m, two SipRounds, v0 ⊕= m; finalization is v2 ⊕= 0xff, four
/// SipRounds, and the result v0 ⊕ v1 ⊕ v2 ⊕ v3.
public struct SipHash: Sendable {
    private var v0: UInt64, v1: UInt64, v2: UInt64, v3: UInt64
    /// Bytes not yet absorbed (fewer than 8), packed little-endian.
    private var tail: UInt64 = 0
    private var length = 0

    /// The key of the checkpoint format: the ASCII bytes "meanfield-ckpt-3".
    public static let checkpointKey: (UInt64, UInt64) = (0x6C65_6966_6E61_656D, 0x332D_7470_6B63_2D64)

    public init(key: (UInt64, UInt64)) {
        v0 = key.0 ^ 0x736F_6D65_7073_6575
        v1 = key.1 ^ 0x646F_7261_6E64_6F6D
        v2 = key.0 ^ 0x6C79_6765_6E65_7261
        v3 = key.1 ^ 0x7465_6462_7974_6573
    }

    /// Absorbs `bytes`.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            tail |= UInt64(byte) << (8 * UInt64(length & 7))
            length &+= 1
            if length & 7 == 0 {
                absorb(tail)
                tail = 0
            }
        }
    }

    /// The hash of everything absorbed.
    public func finalize() -> UInt64 {
        var copy = self
        copy.absorb(tail | UInt64(truncatingIfNeeded: length) << 56)
        copy.v2 ^= 0xFF
        for _ in 0..<4 { copy.round() }
        return copy.v0 ^ copy.v1 ^ copy.v2 ^ copy.v3
    }

    /// The SipHash-2-4 of `bytes` under `key` (the checkpoint key by default).
    public static func hash(_ bytes: some Sequence<UInt8>, key: (UInt64, UInt64) = checkpointKey) -> UInt64 {
        var h = SipHash(key: key)
        h.update(bytes)
        return h.finalize()
    }

    private mutating func absorb(_ m: UInt64) {
        v3 ^= m
        round()
        round()
        v0 ^= m
    }

    /// One SipRound: add-rotate-xor on the four words.
    private mutating func round() {
        v0 &+= v1; v1 = rotate(v1, 13); v1 ^= v0; v0 = rotate(v0, 32)
        v2 &+= v3; v3 = rotate(v3, 16); v3 ^= v2
        v0 &+= v3; v3 = rotate(v3, 21); v3 ^= v0
        v2 &+= v1; v1 = rotate(v1, 17); v1 ^= v2; v2 = rotate(v2, 32)
    }

    private func rotate(_ x: UInt64, _ b: UInt64) -> UInt64 { x << b | x >> (64 - b) }
}
