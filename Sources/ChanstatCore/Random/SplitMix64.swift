/// A small, fast, seedable generator, so that `sample --seed S` writes the same file every time
/// (SystemRandomNumberGenerator cannot be seeded), and so that randomized tests can be reproduced.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// An index drawn with probability proportional to `cumulative[i] - cumulative[i-1]`.
    public mutating func pick(cumulative: [Double]) -> Int {
        let target = unit() * (cumulative.last ?? 0)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

extension Array where Element == Double {
    /// Running sums, for `SplitMix64.pick(cumulative:)`.
    public var cumulativeSums: [Double] {
        var sum = 0.0
        return map { sum += $0; return sum }
    }
}
