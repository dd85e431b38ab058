import Foundation

/// The model that ships with sideman: a resource of this module (see the README's model card).
public enum ShippedModel {
    public static let resourceName = "sideman-base"

    /// Where the shipped model file is, or nil when this build has none.
    public static var path: String? {
        Bundle.module.path(forResource: resourceName, ofType: "safetensors")
    }
}
