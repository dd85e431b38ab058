/// The model that ships with sideman.
public enum ShippedModel {
    public static let resourceName = "sideman-base"

    /// Where the shipped model file is, or nil when this build has none (none is trained yet).
    public static var path: String? { nil }
}
