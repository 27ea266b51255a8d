import Results
import Testing

@Suite struct SeededGeneratorTests {
    /// Reference values of xoshiro256** seeded by SplitMix64, from an independent implementation.
    @Test(
        arguments: [
            (UInt64(0), [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0, 0x6AA5_94F1_262D_2D2C]),
            (UInt64(42), [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1]),
        ] as [(UInt64, [UInt64])])
    func matchesTheReferenceSequence(seed: UInt64, expected: [UInt64]) {
        var generator = SeededGenerator(seed: seed)
        #expect((0..<4).map { _ in generator.next() } == expected)
    }

    @Test func uniformStaysInRangeAndReachesEveryValue() {
        var generator = SeededGenerator(seed: 7)
        var seen = Set<Int>()
        for _ in 0..<2_000 {
            let value = generator.uniform(below: 26)
            #expect((0..<26).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 26)
    }

    /// Draws in ranges of several integer types, pinned to the values of an independent implementation of
    /// xoshiro256** with Lemire's bounded draw: a change of these values changes every seeded pattern.
    @Test func uniformInARangeIsPinned() {
        var percent = SeededGenerator(seed: 42)
        #expect((0..<10).map { _ in percent.uniform(in: 0...99) } == [8, 37, 68, 92, 99, 76, 71, 85, 76, 58])
        var bytes = SeededGenerator(seed: 7)
        #expect((0..<8).map { _ in bytes.uniform(in: UInt8.min...UInt8.max) } == [179, 71, 214, 251, 253, 223, 15, 26])
        var ports = SeededGenerator(seed: 7)
        #expect((0..<5).map { _ in ports.uniform(in: 1...UInt16.max) } == [45913, 18268, 55025, 64297, 64937])
        var signed = SeededGenerator(seed: 9)
        #expect((0..<8).map { _ in signed.uniform(in: -5...5) } == [-5, -3, -4, 3, 5, 3, 2, 0])
        var below = SeededGenerator(seed: 11)
        #expect((0..<8).map { _ in below.uniform(below: 26) } == [5, 2, 6, 11, 2, 7, 13, 25])
    }

    @Test func aFullRangeTakesTheRawWord() {
        var unsigned = SeededGenerator(seed: 3)
        #expect(
            (0..<2).map { _ in unsigned.uniform(in: UInt64.min...UInt64.max) } == [
                0xB0CD_ABDA_E566_8CC0, 0xA3FD_1DEA_5E18_64EE,
            ])
        var signed = SeededGenerator(seed: 3)
        #expect(
            (0..<2).map { _ in signed.uniform(in: Int.min...Int.max) } == [
                3_516_655_840_686_148_800, 2_593_261_852_873_483_502,
            ])
    }

    @Test func streamsOfOneSeedDiffer() {
        var stream = SeededGenerator(seed: 5, stream: 2)
        #expect((0..<2).map { _ in stream.next() } == [0x31EC_2029_80C8_92B7, 0xED69_A4F9_C4D1_FF27])
    }

    @Test func aSingleValueRangeNeedsNoLuck() {
        var generator = SeededGenerator(seed: 1)
        #expect((0..<4).map { _ in generator.uniform(in: UInt32(7)...7) } == [7, 7, 7, 7])
    }

    @Test func fillWritesTheWordsLittleEndianAndHandlesATail() {
        var words = SeededGenerator(seed: 3)
        let first = words.next()
        let second = words.next()
        var bytes = SeededGenerator(seed: 3)
        var buffer = [UInt8](repeating: 0, count: 11)
        buffer.withUnsafeMutableBytes { bytes.fill($0) }
        let expected =
            (0..<8).map { UInt8(truncatingIfNeeded: first >> (8 * UInt64($0))) }
            + (0..<3).map { UInt8(truncatingIfNeeded: second >> (8 * UInt64($0))) }
        #expect(buffer == expected)
    }
}
