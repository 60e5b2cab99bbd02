import ScanModel

/// The analysis of a whole image: each layer's results seen through the layers above it, as a container sees them.
public struct SquashedAnalysis: Sendable {
    /// The layers, base first.
    public let layers: [LayerAnalysis]
    /// The outcomes still visible at the top of the image, by path.
    public let visibleFiles: [AnalyzedFileOutcome]
    /// For each visible outcome's path, the index of the layer it came from.
    public let layerIndexByPath: [ImagePath: Int]
    /// The symbolic links of the squashed filesystem.
    public let symbolicLinks: [ImagePath: String]

    public init(layers unordered: [LayerAnalysis]) {
        let layers = unordered.sorted { $0.layer.index < $1.layer.index }
        self.layers = layers
        var visible: [AnalyzedFileOutcome] = []
        var layerIndexByPath: [ImagePath: Int] = [:]
        for (position, analysis) in layers.enumerated() {
            let above = layers[(position + 1)...]
            for file in analysis.files where !above.contains(where: { $0.hidesLowerVersion(of: file.path) }) {
                visible.append(file)
                layerIndexByPath[file.path] = position
            }
        }
        self.visibleFiles = visible
        self.layerIndexByPath = layerIndexByPath
        var links: [ImagePath: String] = [:]
        for analysis in layers {
            if !analysis.whiteouts.isEmpty || !analysis.opaqueDirectories.isEmpty || !analysis.writtenPaths.isEmpty {
                links = links.filter { !analysis.hidesLowerVersion(of: $0.key) }
            }
            links.merge(analysis.symbolicLinks) { _, new in new }
        }
        self.symbolicLinks = links
    }

    /// The successful results still visible, with the layer each came from.
    public var visibleResults:
        [(path: ImagePath, identity: AnalyzerIdentity, result: AnalysisResult, layer: LayerReference)]
    {
        visibleFiles.compactMap { file in
            guard case .succeeded(let identity, let result) = file.outcome, let position = layerIndexByPath[file.path]
            else {
                return nil
            }
            return (file.path, identity, result, layers[position].layer)
        }
    }

    /// Every file that a visible package database says a package owns; language analyzers skip these.
    public var ownedFiles: Set<ImagePath> {
        Set(visibleResults.flatMap(\.result.ownedFiles))
    }

    /// The failures still visible, one line each, naming the file and the analyzer.
    public var failures: [String] {
        visibleFiles.compactMap { file in
            guard case .failed(let identity, let path, let reason) = file.outcome else { return nil }
            return "\(path.absolute): \(identity.name) could not read it: \(reason)"
        }
    }

    /// The packages visible at the top of the image, each attributed to the layer that installed that version.
    ///
    /// A package keeps the lowest layer from which every later copy of its database still lists it: a package
    /// database rewritten by a later `apt-get install` does not move the packages it already held.
    public var packages: [InstalledPackage] {
        // What each lower copy of a database listed, computed once per (layer, file, analyzer).
        enum Copy {
            case absent
            case unreadable
            case listing(Set<String>)
        }
        var copies: [String: Copy] = [:]
        func copy(at position: Int, path: ImagePath, analyzer: AnalyzerIdentity) -> Copy {
            let memo = "\(position)\u{0}\(path)\u{0}\(analyzer)"
            if let known = copies[memo] { return known }
            var found = Copy.absent
            if let file = layers[position].files.first(where: { $0.path == path && $0.identity == analyzer }) {
                found = .unreadable
                if case .succeeded(_, let result) = file.outcome {
                    found = .listing(Set(result.packages.map(\.identityKey)))
                }
            }
            copies[memo] = found
            return found
        }
        var packages: [InstalledPackage] = []
        for (path, identity, result, layer) in visibleResults where !result.packages.isEmpty {
            guard let top = layers.firstIndex(where: { $0.layer.index == layer.index }) else { continue }
            for var package in result.packages {
                let key = package.identityKey
                var introduced = top
                var position = top - 1
                while position >= 0, !layers[position + 1].deletes(path) {
                    switch copy(at: position, path: path, analyzer: identity) {
                    case .absent: break
                    case .unreadable: position = -1
                    case .listing(let keys):
                        if keys.contains(key) { introduced = position } else { position = -1 }
                    }
                    position -= 1
                }
                package.layer = layers[introduced].layer
                packages.append(package)
            }
        }
        return packages
    }

    /// Resolves symbolic links in `path` inside the image, never outside its root.
    ///
    /// Relative targets resolve against the link's folder, absolute ones against the image root; `..` stops at the
    /// root. Returns `nil` after 40 links, as the kernel does (`ELOOP`).
    public func resolve(_ path: ImagePath) -> ImagePath? {
        var pending = path.components
        var resolved: [String] = []
        var hops = 0
        while !pending.isEmpty {
            let component = pending.removeFirst()
            let candidate = ImagePath(components: resolved + [component])
            if let target = symbolicLinks[candidate] {
                hops += 1
                if hops > 40 { return nil }
                if target.hasPrefix("/") { resolved = [] }
                pending = target.split(separator: "/", omittingEmptySubsequences: true).map(String.init) + pending
                continue
            }
            if component == ".." {
                _ = resolved.popLast()
            } else if component != "." {
                resolved.append(component)
            }
        }
        return ImagePath(components: resolved)
    }
}
