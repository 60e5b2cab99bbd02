import Foundation
import ScanModel

/// Where an image comes from.
///
/// A source resolves the image's metadata and opens each layer's entries.
public protocol ImageSource: Sendable {
    /// The target as the user named it.
    var name: String { get }
    /// Resolves manifests and configuration, checking their digests.
    func load() async throws -> LoadedImage
}

/// An image whose metadata was read and verified, ready to have its layers walked.
public struct LoadedImage: Sendable {
    public enum Layers: Sendable {
        case blobs([LayerBlob])
        case directory(root: String)
    }

    public var sourceKind: String
    public var manifestDigest: Digest?
    /// The digest of the index the manifest was chosen from, when the source named an index.
    public var indexDigest: Digest? = nil
    /// The image ID: the digest of the configuration.
    public var imageID: Digest?
    public var repoTags: [String]
    public var configuration: ImageConfiguration?
    /// The layers, base first, with their digests and build steps.
    public var layers: [LayerReference]
    public var layerContents: Layers
    public var limits: LayerLimits

    /// Opens the entries of layer `index`, ready to be read once from the start.
    public func openLayer(_ index: Int) async throws -> any LayerEntryStream {
        switch layerContents {
        case .blobs(let blobs):
            return try await TarLayerStream.open(blob: blobs[index], limits: limits)
        case .directory(let root):
            return try DirectoryLayerStream(root: root)
        }
    }
}

/// Decodes image metadata, naming the file on failure.
func decodeJSON<T: Decodable>(_ type: T.Type, from bytes: [UInt8], file: String) throws -> T {
    do {
        return try JSONDecoder().decode(type, from: Data(bytes))
    } catch let error as DecodingError {
        throw ImageReadError.malformedJSON(file: file, reason: describe(error))
    } catch {
        throw ImageReadError.malformedJSON(file: file, reason: "\(error)")
    }
}

private func describe(_ error: DecodingError) -> String {
    switch error {
    case .dataCorrupted(let context): "\(context.debugDescription)"
    case .keyNotFound(let key, _): "missing field '\(key.stringValue)'"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
        "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
    @unknown default: "\(error)"
    }
}

/// Parses a digest found in image metadata, naming the file when it is malformed.
func parseDigest(_ text: String, in file: String) throws -> Digest {
    guard let digest = Digest(text) else { throw ImageReadError.invalidDigest(text, in: file) }
    return digest
}

/// Joins each layer's descriptor with its diff_id and build step.
func layerReferences(
    digests: [Digest?], sizes: [Int64?], configuration: ImageConfiguration, configFile: String
) throws -> (references: [LayerReference], diffIDs: [Digest]) {
    let diffIDs = try (configuration.rootfs?.diffIDs ?? []).map { try parseDigest($0, in: configFile) }
    guard diffIDs.count == digests.count else {
        throw ImageReadError.layerCountMismatch(layers: digests.count, diffIDs: diffIDs.count)
    }
    let history = configuration.layerHistory
    let references = digests.indices.map { index in
        LayerReference(
            index: index, digest: digests[index] ?? diffIDs[index], diffID: diffIDs[index], size: sizes[index],
            createdBy: index < history.count ? history[index] : nil)
    }
    return (references, diffIDs)
}
