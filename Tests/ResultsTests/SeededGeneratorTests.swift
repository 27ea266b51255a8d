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
