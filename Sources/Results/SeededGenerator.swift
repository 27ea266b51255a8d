/// A small, fast, reproducible pseudo-random generator: xoshiro256** seeded through SplitMix64. The runner's
/// one generator: the test files, the simulator's impairments and the per-job seeds all come from it, so a seed
/// replays a job exactly.
///
/// The same seed gives the same sequence on every platform and Swift version, which the standard library's
/// generators do not promise; the helpers below replace `random(in:using:)` for the same reason, and every seeded
/// draw of the project goes through them.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    @usableFromInline var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose whole sequence is fixed by `seed`; `stream` separates independent sequences
    /// derived from one seed (stream 0 is the plain seed).
    public init(seed: UInt64, stream: UInt64 = 0) {
        var splitMix = seed ^ (stream &* Self.golden)
        func nextSplitMix() -> UInt64 {
            defer { splitMix &+= Self.golden }
            return Self.splitMix64(splitMix)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    /// SplitMix64's increment (2^64 / φ).
    static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// One SplitMix64 output for `value`: a bijective mixer with good avalanche, also used to derive seeds.
    public static func splitMix64(_ value: UInt64) -> UInt64 {
        var z = value &+ golden
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits (inlinable: the simulator draws one per packet).
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, by: 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, by: 45)
        return result
    }

    /// A uniformly distributed integer in `0..<bound` (Lemire's multiply-and-reject method).
    public mutating func uniform(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(uniform64(below: UInt64(bound)))
    }

    /// A uniformly distributed integer in `range`, of any fixed-width integer type up to 64 bits: the seeded
    /// replacement of the standard library's `random(in:using:)`, whose draws may change between Swift versions.
    public mutating func uniform<T: FixedWidthInteger>(in range: ClosedRange<T>) -> T {
        precondition(T.bitWidth <= 64, "at most 64-bit integers")
        // The distance as an unsigned 64-bit value; the wrap of a signed difference is undone by the magnitude.
        let distance = UInt64(T.Magnitude(truncatingIfNeeded: range.upperBound &- range.lowerBound))
        let offset = distance == .max ? next() : uniform64(below: distance + 1)
        return range.lowerBound &+ T(truncatingIfNeeded: offset)
    }

    /// A uniformly distributed value in `0..<bound` (Lemire's multiply-and-reject method); `bound` is positive.
    private mutating func uniform64(below bound: UInt64) -> UInt64 {
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniformly chosen element of a non-empty array.
    public mutating func element<T>(of array: [T]) -> T {
        array[uniform(below: array.count)]
    }

    /// Fills `buffer` with random bytes, eight at a time in little-endian order.
    public mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        var offset = 0
        while offset < buffer.count {
            let word = next()
            let count = min(8, buffer.count - offset)
            if count == 8 {
                buffer.storeBytes(of: word.littleEndian, toByteOffset: offset, as: UInt64.self)
            } else {
                for index in 0..<count {
                    buffer[offset + index] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(index)))
                }
            }
            offset += count
        }
    }

    @inlinable
    func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }
}
