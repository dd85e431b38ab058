/// Density as the model learns it: an example's note count as a percentile rank among the
/// examples of its style.
public enum DensityRank {
    /// The mid-rank percentile of each count among `counts`: (fewer + (equal − 1) / 2) / (n − 1),
    /// so the sparsest is 0, the busiest 1, equal counts share a value, and a larger count never
    /// ranks lower. A single count ranks 0.5. Time: O(n log n).
    public static func percentiles(_ counts: [Int]) -> [Double] {
        guard counts.count > 1 else { return counts.map { _ in 0.5 } }
        let sorted = counts.sorted()
        let denominator = Double(counts.count - 1)
        return counts.map { count in
            let fewer = lowerBound(of: count, in: sorted)
            let equal = lowerBound(of: count + 1, in: sorted) - fewer
            return (Double(fewer) + Double(equal - 1) / 2) / denominator
        }
    }

    /// The first index in `sorted` whose value is not below `value`.
    private static func lowerBound(of value: Int, in sorted: [Int]) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
