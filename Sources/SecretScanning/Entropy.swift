/// Shannon entropy of byte strings, the measure that tells a random token from a word.
public enum Entropy {
    /// The Shannon entropy of `bytes` in bits per byte: 0 for `aaaa`, about 5.95 for long random base62 text.
    public static func shannon<Bytes: Collection>(_ bytes: Bytes) -> Double where Bytes.Element == UInt8 {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        var entropy = 0.0
        for count in counts where count > 0 {
            let probability = Double(count) / total
            entropy -= probability * log2(probability)
        }
        return entropy
    }

    /// The base-2 logarithm, without Foundation.
    static func log2(_ value: Double) -> Double {
        // ln(x) by argument reduction to [1, 2) and the atanh series; accurate to ~1e-12, enough for thresholds.
        guard value > 0 else { return -.infinity }
        var mantissa = value
        var exponent = 0.0
        while mantissa >= 2 {
            mantissa /= 2
            exponent += 1
        }
        while mantissa < 1 {
            mantissa *= 2
            exponent -= 1
        }
        let ratio = (mantissa - 1) / (mantissa + 1)
        let square = ratio * ratio
        var term = ratio
        var sum = 0.0
        var denominator = 1.0
        for _ in 0..<30 {
            sum += term / denominator
            term *= square
            denominator += 2
        }
        return exponent + 2 * sum / 0.693_147_180_559_945_3
    }
}
