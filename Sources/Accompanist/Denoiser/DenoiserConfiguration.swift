import Tensor

/// The denoiser's shape: a transformer over tokens of the piano roll, conditioned through
/// adaptive layer norm (DiT's adaLN-Zero) on the diffusion time, style and controls.
public struct DenoiserConfiguration: Sendable, Equatable, Codable {
    public var width: Int
    public var layers: Int
    public var heads: Int
    /// The feed-forward layer's width as a multiple of `width`.
    public var feedForward: Int
    /// The styles the model knows, in the order of its style embedding (row 0 is "no style").
    public var styles: [String]
    /// Values per token (the roll) and features per token (the chords and position).
    public var values: Int
    public var features: Int

    public init(width: Int = 128, layers: Int = 4, heads: Int = 4, feedForward: Int = 4, styles: [String] = Self.defaultStyles,
                values: Int = RollLayout.valuesPerToken, features: Int = TokenFeatures.count) {
        self.width = width
        self.layers = layers
        self.heads = heads
        self.feedForward = feedForward
        self.styles = styles
        self.values = values
        self.features = features
    }

    public static let defaultStyles = ["swing", "bossa", "latin", "pop", "rock", "funk", "ballad", "blues", "waltz", "ska",
                                       "country", "gospel", "march", "shuffle"]

    /// The row of the style embedding for a style (0 for none or one the model does not know).
    public func styleIndex(_ style: String?) -> Int32 {
        guard let style, let index = styles.firstIndex(of: style.lowercased()) else { return 0 }
        return Int32(index + 1)
    }

    /// Every parameter, named as in the model file, with its shape; matrices and embeddings decay.
    public var parameterLayout: [(name: String, shape: [Int], decays: Bool)] {
        let d = width, hidden = feedForward * width
        var layout: [(String, [Int], Bool)] = [
            ("input.weight", [d, values], true), ("input.bias", [d], false),
            ("features.weight", [d, features], true), ("features.bias", [d], false),
            ("time.fc1.weight", [d, GlobalFeatures.timeEmbedding], true), ("time.fc1.bias", [d], false),
            ("time.fc2.weight", [d, d], true), ("time.fc2.bias", [d], false),
            ("style.embedding", [styles.count + 1, d], true),
            ("controls.weight", [d, GlobalFeatures.controls], true), ("controls.bias", [d], false),
        ]
        for l in 0..<layers {
            let p = "blocks.\(l)."
            layout += [
                (p + "modulation.weight", [6 * d, d], true), (p + "modulation.bias", [6 * d], false),
                (p + "qkv.weight", [3 * d, d], true), (p + "qkv.bias", [3 * d], false),
                (p + "proj.weight", [d, d], true), (p + "proj.bias", [d], false),
                (p + "fc1.weight", [hidden, d], true), (p + "fc1.bias", [hidden], false),
                (p + "fc2.weight", [d, hidden], true), (p + "fc2.bias", [d], false),
            ]
        }
        layout += [
            ("final.modulation.weight", [2 * d, d], true), ("final.modulation.bias", [2 * d], false),
            ("output.weight", [values, d], true), ("output.bias", [values], false),
        ]
        return layout
    }

    /// Why this configuration cannot be a model this sideman runs, or nil when it can (a model
    /// file's configuration comes from outside and is checked before anything is allocated).
    public var problem: String? {
        guard (8...4096).contains(width), (1...64).contains(layers), heads >= 1, width % heads == 0, (1...16).contains(feedForward) else {
            return "width \(width), \(layers) layers, \(heads) heads, feed-forward ×\(feedForward) is not a shape sideman runs"
        }
        guard values == RollLayout.valuesPerToken, features == TokenFeatures.count else {
            return "the model reads \(values) roll values and \(features) features per token; this sideman writes \(RollLayout.valuesPerToken) and \(TokenFeatures.count)"
        }
        guard !styles.isEmpty, Set(styles).count == styles.count else { return "its styles are empty or repeated" }
        return nil
    }

    public var parameterCount: Int { parameterLayout.reduce(0) { $0 + $1.shape.reduce(1, *) } }

    /// The layout with the named entries held elsewhere (int8 matrices): each becomes an empty
    /// placeholder, so the Float buffer holds only what is used in Float.
    public func parameterLayout(omitting names: Set<String>) -> [(name: String, shape: [Int], decays: Bool)] {
        parameterLayout.map { names.contains($0.name) ? ($0.name, [0], $0.decays) : $0 }
    }

    /// Multiply-adds ×2 per forward pass of `tokens` tokens in all (batch included): the matrix
    /// products by token, attention's two products, and the per-sequence conditioning.
    public func forwardFLOPs(batch: Int, tokensPerItem: Int) -> Double {
        let d = Double(width), n = Double(batch * tokensPerItem), t = Double(tokensPerItem)
        let perToken = d * Double(values) * 2 + d * Double(features)
            + Double(layers) * (3 * d * d + d * d + 2 * Double(feedForward) * d * d)
        let attention = Double(layers) * 2 * t * t * d * Double(batch)
        let perItem = Double(GlobalFeatures.timeEmbedding) * d + d * d + Double(layers) * 6 * d * d + 2 * d * d
        return 2 * (n * perToken + attention + Double(batch) * perItem)
    }
}
