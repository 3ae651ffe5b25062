import Foundation

/// Seeded alterations of a checkpoint's state bytes, as an adversary with the (public) hash key would
/// make them: a flipped bit, an 8-byte word replaced by a value chosen to hit range and finiteness
/// checks (0, −1, huge, NaN, ±∞, a neighbour of the old value), or a word copied from elsewhere.
public enum StateTamper {
    /// Words that probe the checks: small and huge integers, IEEE specials, common doubles.
    public static let probes: [UInt64] = [
        0, 1, 2, 5, 40, UInt64(bitPattern: -1), UInt64(bitPattern: -2), UInt64(Int64.max), UInt64(bitPattern: Int64.min),
        1 << 32, 1 << 53, 0xFFFF, 0x7FFF_FFFF, Double.nan.bitPattern, Double.infinity.bitPattern,
        (-Double.infinity).bitPattern, (-0.0).bitPattern, (1e308).bitPattern, (-1.0).bitPattern, (0.5).bitPattern,
        (1e-300).bitPattern, (3.0).bitPattern,
    ]

    /// One altered copy of `bytes` (which must hold at least 8 bytes) and a description of the change.
    public static func mutate(_ bytes: [UInt8], random: inout TestRandom) -> (bytes: [UInt8], change: String) {
        var out = bytes
        // Half the changes fall in the first 512 bytes: the engine's clock, counters and event queue.
        let at = random.int(below: random.chance(0.5) ? min(bytes.count - 7, 512) : bytes.count - 7)
        switch random.int(below: 4) {
        case 0:
            let bit = random.int(below: 8)
            out[at] ^= UInt8(1) << UInt8(bit)
            return (out, "bit \(bit) of byte \(at) flipped")
        case 1:
            let word = random.pick(probes)
            write(word, into: &out, at: at)
            return (out, "word at \(at) set to 0x\(String(word, radix: 16))")
        case 2:
            let old = read(bytes, at: at), delta = UInt64(bitPattern: Int64(random.int(in: -3...3)))
            write(old &+ delta, into: &out, at: at)
            return (out, "word at \(at) moved by \(Int64(bitPattern: delta))")
        default:
            let from = random.int(below: bytes.count - 7)
            write(read(bytes, at: from), into: &out, at: at)
            return (out, "word at \(from) copied to \(at)")
        }
    }

    static func read(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }

    static func write(_ word: UInt64, into bytes: inout [UInt8], at offset: Int) {
        for i in 0..<8 { bytes[offset + i] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(i))) }
    }
}
