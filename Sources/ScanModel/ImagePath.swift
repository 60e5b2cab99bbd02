/// A normalized path inside an image: relative to the root, no `.` or `..`, no leading slash.
///
/// `..` never climbs above the root: `../../etc/passwd` is `etc/passwd`.
public struct ImagePath: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let components: [String]

    public init(_ raw: String) {
        var components: [String] = []
        // Split on the byte, not the Character: a combining mark after `/` forms one Character with it (`/\u{32A}`),
        // and splitting on Characters would keep that slash inside a component.
        for part in raw.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if part.count == 1, part.first == UInt8(ascii: ".") { continue }
            if part.count == 2, part.allSatisfy({ $0 == UInt8(ascii: ".") }) {
                _ = components.popLast()
            } else {
                components.append(String(decoding: part, as: UTF8.self))
            }
        }
        self.components = components
    }

    public init(components: [String]) {
        self.init(components.joined(separator: "/"))
    }

    /// The root of the image.
    public static let root = ImagePath("")

    public var description: String { components.joined(separator: "/") }

    /// The path as a user reads it, with a leading slash.
    public var absolute: String { "/" + description }

    public var isRoot: Bool { components.isEmpty }

    /// The last component, or the empty string for the root.
    public var name: String { components.last ?? "" }

    /// The folder holding this path; the root's parent is the root.
    public var parent: ImagePath { ImagePath(components: Array(components.dropLast())) }

    public func appending(_ component: String) -> ImagePath {
        ImagePath(components: components + [component])
    }

    /// Returns whether `self` is `other` or lies below it.
    public func isSelfOrDescendant(of other: ImagePath) -> Bool {
        components.count >= other.components.count
            && Array(components.prefix(other.components.count)) == other.components
    }

    /// Returns whether `self` lies strictly below `other`.
    public func isDescendant(of other: ImagePath) -> Bool {
        components.count > other.components.count && isSelfOrDescendant(of: other)
    }

    /// Every folder above this path, from the root's first child down to the parent.
    public var ancestors: [ImagePath] {
        guard components.count > 1 else { return [] }
        return (1..<components.count).map { ImagePath(components: Array(components.prefix($0))) }
    }

    public static func < (lhs: ImagePath, rhs: ImagePath) -> Bool {
        lhs.components.lexicographicallyPrecedes(rhs.components)
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(absolute)
    }
}
