import ScanModel

/// Why an image could not be read.
///
/// Each case names the file or blob at fault.
public enum ImageReadError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case notAnImage(path: String)
    case unknownTargetScheme(String)
    case malformedJSON(file: String, reason: String)
    case missingFile(archive: String, path: String)
    case imageNotFound(archive: String, requested: String, available: [String])
    case severalImages(archive: String, available: [String])
    case platformNotFound(requested: String, available: [String])
    case unsupportedMediaType(String, in: String)
    case invalidDigest(String, in: String)
    case digestMismatch(blob: String, expected: Digest, actual: Digest)
    case sizeMismatch(blob: String, expected: Int64, actual: Int64)
    case layerCountMismatch(layers: Int, diffIDs: Int)
    case truncatedTar(layer: String, offset: Int64)
    case corruptTarHeader(layer: String, offset: Int64, reason: String)
    case corruptCompressedStream(layer: String, format: String, reason: String)
    case missingZstdLibrary
    case limitExceeded(layer: String, limit: String)
    case readFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "Cannot open '\(path)': \(reason)."
        case .notAnImage(let path):
            "'\(path)' is not an image: no manifest.json, index.json or oci-layout. Pass a `docker save` archive, an OCI layout, an OCI archive or dir:PATH."
        case .unknownTargetScheme(let scheme):
            "Unknown target kind '\(scheme):'. Use docker-archive:, oci-layout:, oci-archive:, dir: or registry:."
        case .malformedJSON(let file, let reason):
            "'\(file)' is not valid image metadata: \(reason)."
        case .missingFile(let archive, let path):
            "'\(archive)' names '\(path)', which it does not contain; the image is incomplete."
        case .imageNotFound(let archive, let requested, let available):
            "'\(archive)' holds no image '\(requested)'; it holds: \(available.isEmpty ? "(untagged images only)" : available.joined(separator: ", "))."
        case .severalImages(let archive, let available):
            "'\(archive)' holds several images (\(available.joined(separator: ", "))); choose one with --image NAME:TAG."
        case .platformNotFound(let requested, let available):
            "No image for platform \(requested); the index offers: \(available.joined(separator: ", ")). Choose one with --platform."
        case .unsupportedMediaType(let type, let file):
            "'\(file)' has media type '\(type)', which is not an image Plimsoll can read."
        case .invalidDigest(let digest, let file):
            "'\(file)' names the digest '\(digest)', which is not sha256:<64 hex> or sha512:<128 hex>."
        case .digestMismatch(let blob, let expected, let actual):
            "\(blob) hashes to \(actual), not \(expected) as the image says; the image is corrupt or was tampered with."
        case .sizeMismatch(let blob, let expected, let actual):
            "\(blob) is \(actual) bytes, not \(expected) as the image says; the image is corrupt or was tampered with."
        case .layerCountMismatch(let layers, let diffIDs):
            "The manifest lists \(layers) layers but the configuration lists \(diffIDs) diff_ids; the image is corrupt."
        case .truncatedTar(let layer, let offset):
            "\(layer) ends in the middle of an entry at byte \(offset); the layer is truncated."
        case .corruptTarHeader(let layer, let offset, let reason):
            "\(layer) has a corrupt tar header at byte \(offset): \(reason)."
        case .corruptCompressedStream(let layer, let format, let reason):
            "\(layer) is not a valid \(format) stream: \(reason)."
        case .missingZstdLibrary:
            "This image has zstd layers, and libzstd.so.1 is not installed; install it (Debian: apt-get install libzstd1)."
        case .limitExceeded(let layer, let limit):
            "\(layer) exceeds a safety limit: \(limit). It is refused as hostile."
        case .readFailed(let path, let reason):
            "Cannot read '\(path)': \(reason)."
        }
    }
}
