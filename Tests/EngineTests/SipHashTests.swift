import Engine
import XCTest

/// SipHash-2-4 against the reference vectors of Aumasson & Bernstein (key 00 01 … 0f, message
/// 00 01 … (n−1)), whole and fed in pieces; the checkpoint key differs from the reference key.
final class SipHashTests: XCTestCase {
    let referenceKey: (UInt64, UInt64) = (0x0706_0504_0302_0100, 0x0F0E_0D0C_0B0A_0908)

    func message(_ n: Int) -> [UInt8] { (0..<n).map { UInt8($0) } }

    func test_referenceVectors() {
        XCTAssertEqual(SipHash.hash(message(0), key: referenceKey), 0x726F_DB47_DD0E_0E31)
        XCTAssertEqual(SipHash.hash(message(8), key: referenceKey), 0x93F5_F579_9A93_2462)
        XCTAssertEqual(SipHash.hash(message(15), key: referenceKey), 0xA129_CA61_49BE_45E5)
    }

    func test_piecewiseUpdate_equalsWholeMessage() {
        let bytes = message(63)
        for cut in [0, 1, 7, 8, 9, 31, 63] {
            var h = SipHash(key: referenceKey)
            h.update(bytes[..<cut])
            h.update(bytes[cut...])
            XCTAssertEqual(h.finalize(), SipHash.hash(bytes, key: referenceKey), "cut at \(cut)")
        }
    }

    func test_checkpointKey_givesAnotherHash_andOneBitChangesIt() {
        let bytes = message(40)
        XCTAssertNotEqual(SipHash.hash(bytes), SipHash.hash(bytes, key: referenceKey))
        var flipped = bytes
        flipped[17] ^= 1
        XCTAssertNotEqual(SipHash.hash(flipped), SipHash.hash(bytes))
    }
}
