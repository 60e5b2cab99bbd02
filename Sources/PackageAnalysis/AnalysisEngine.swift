import ScanModel

/// Runs every analyzer over the files of a layer in one walk of its entries.
public struct AnalysisEngine: Sendable {
    public let analyzers: [any Analyzer]

    public init(analyzers: [any Analyzer]) {
        self.analyzers = analyzers
    }

    /// The identities of every analyzer, sorted: part of the key under which layer results may be cached.
    public var identities: [AnalyzerIdentity] {
        analyzers.map(\.identity).sorted { $0.description < $1.description }
    }

    /// Walks one layer once and runs each interested analyzer on each file.
    ///
    /// - Parameters:
    ///   - layer: the layer the entries come from.
    ///   - open: opens the layer's entries from the start. Called once, and a second time only when a hard link
    ///     that an analyzer wants points at a file whose bytes were not kept.
    public func analyze(
        layer: LayerReference, open: () async throws -> any LayerEntryStream
    ) async throws -> LayerAnalysis {
        var analysis = LayerAnalysis(layer: layer)
        var outcomesByPath: [ImagePath: [AnalyzedFileOutcome]] = [:]
        var writtenPaths: Set<ImagePath> = []
        var pendingHardLinks: [ImagePath: [ImagePath]] = [:]  // target -> links that want its bytes
        var stream = try await open()
        var contents: [UInt8] = []
        var recent = RecentFileContents()
        while let entry = try await stream.next() {
            try Task.checkCancellation()
            analysis.entryCount += 1
            recent.forget(entry.path)
            switch entry.kind {
            case .whiteout:
                analysis.whiteouts.insert(entry.path)
                continue
            case .opaqueDirectory:
                analysis.opaqueDirectories.insert(entry.path)
                continue
            case .symbolicLink(let target):
                analysis.symbolicLinks[entry.path] = target
            case .regularFile:
                if analysis.symbolicLinks[entry.path] != nil { analysis.symbolicLinks[entry.path] = nil }
                analysis.regularFileBytes += entry.size
                if entry.size >= LayerAnalysis.largeFileThreshold {
                    analysis.largeFiles[entry.path] = entry.size
                } else if analysis.largeFiles[entry.path] != nil {
                    analysis.largeFiles[entry.path] = nil
                }
            default:
                if analysis.symbolicLinks[entry.path] != nil { analysis.symbolicLinks[entry.path] = nil }
            }
            // Called for every entry of every layer: no array is built unless some analyzer wants the file.
            var interested: [any Analyzer] = []
            for analyzer in analyzers where analyzer.isInterested(in: entry.path) { interested.append(analyzer) }
            guard !interested.isEmpty else {
                if entry.isNotableForHygiene { analysis.notableEntries.append(entry) }
                continue
            }
            writtenPaths.insert(entry.path)
            outcomesByPath[entry.path] = nil
            if entry.isNotableForHygiene { analysis.notableEntries.append(entry) }
            switch entry.kind {
            case .regularFile:
                // Each analyzer gets the file only within its own limit; over it, a failure to report, or a count
                // for analyzers that look at every file (secrets) and would otherwise flood the report.
                var outcomes: [AnalyzedFileOutcome] = []
                var readers: [any Analyzer] = []
                for analyzer in interested {
                    if entry.size <= analyzer.maximumFileSize {
                        readers.append(analyzer)
                    } else if analyzer.reportsOversizedFiles {
                        outcomes.append(
                            AnalyzedFileOutcome(
                                path: entry.path,
                                outcome: .failed(
                                    analyzer.identity, path: entry.path,
                                    reason:
                                        "file is \(entry.size) bytes, over the \(analyzer.maximumFileSize)-byte limit"))
                        )
                    } else {
                        analysis.oversizedFileCounts[analyzer.identity.name, default: 0] += 1
                    }
                }
                if !readers.isEmpty {
                    let limit = readers.map(\.maximumFileSize).max() ?? 0
                    // One buffer for the whole walk: once the analyzers are done with a file its storage is unique
                    // again, and the next file reuses it instead of faulting in fresh pages (large binaries).
                    try await stream.readContents(limit: Int(limit), into: &contents)
                    let file = AnalyzedFile(path: entry.path, contents: contents, mode: entry.mode, layer: layer)
                    outcomes += await self.outcomes(for: file, analyzers: readers)
                    // Whole files are copied to the window of recent files, for hard links to them.
                    if Int64(contents.count) == entry.size { recent.keep(contents, mode: entry.mode, at: entry.path) }
                }
                outcomesByPath[entry.path] = outcomes.isEmpty ? nil : outcomes
            case .hardLink(let target):
                if let kept = recent.file(at: target) {
                    let file = AnalyzedFile(path: entry.path, contents: kept.contents, mode: kept.mode, layer: layer)
                    let outcomes = await self.outcomes(for: file, analyzers: interested)
                    outcomesByPath[entry.path] = outcomes.isEmpty ? nil : outcomes
                } else {
                    pendingHardLinks[target, default: []].append(entry.path)
                }
            default:
                break
            }
        }
        analysis.warnings = stream.warnings
        if !pendingHardLinks.isEmpty {
            try await resolveHardLinks(pendingHardLinks, in: layer, open: open, into: &outcomesByPath)
        }
        analysis.writtenPaths = writtenPaths
        analysis.files = outcomesByPath.keys.sorted().flatMap { outcomesByPath[$0] ?? [] }
        return analysis
    }

    /// Reads the targets of hard links in a second walk and analyzes their bytes under each link's path.
    private func resolveHardLinks(
        _ pending: [ImagePath: [ImagePath]], in layer: LayerReference, open: () async throws -> any LayerEntryStream,
        into outcomesByPath: inout [ImagePath: [AnalyzedFileOutcome]]
    ) async throws {
        var remaining = pending
        var stream = try await open()
        while !remaining.isEmpty, let entry = try await stream.next() {
            guard case .regularFile = entry.kind, let links = remaining.removeValue(forKey: entry.path) else {
                continue
            }
            let limit = analyzers.map(\.maximumFileSize).max() ?? 0
            guard entry.size <= limit else { continue }
            let contents = try await stream.readContents(limit: Int(limit))
            for link in links {
                let interested = analyzers.filter { $0.isInterested(in: link) }
                let file = AnalyzedFile(path: link, contents: contents, mode: entry.mode, layer: layer)
                outcomesByPath[link] = await outcomes(for: file, analyzers: interested)
            }
        }
        for (target, links) in remaining {
            for link in links {
                outcomesByPath[link] =
                    analyzers.filter { $0.isInterested(in: link) }.map {
                        AnalyzedFileOutcome(
                            path: link,
                            outcome: .failed(
                                $0.identity, path: link, reason: "hard link to missing '\(target.absolute)'"))
                    }
            }
        }
    }

    /// Runs every interested analyzer on `file`, one outcome each.
    public func outcomes(for file: AnalyzedFile, analyzers interested: [any Analyzer]) async -> [AnalyzedFileOutcome] {
        var outcomes: [AnalyzedFileOutcome] = []
        for analyzer in interested {
            do {
                let result = try await analyzer.analyze(file)
                // An empty result changes nothing in the squash (the path is in `writtenPaths` either way), and
                // analyzers that look at every file give one for almost every file: keeping them costs memory.
                guard result != AnalysisResult() else { continue }
                outcomes.append(AnalyzedFileOutcome(path: file.path, outcome: .succeeded(analyzer.identity, result)))
            } catch {
                outcomes.append(
                    AnalyzedFileOutcome(
                        path: file.path, outcome: .failed(analyzer.identity, path: file.path, reason: "\(error)")))
            }
        }
        return outcomes
    }
}
