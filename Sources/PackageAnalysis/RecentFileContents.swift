import ScanModel

/// The bytes of the files a layer walk read last, kept within a byte budget, so that a hard link to one of them is
/// analyzed at once instead of in a second walk of the layer (which, for a layer streamed from a registry, would
/// download it again).
///
/// A tar archive writes a hard link after its target, most often a few entries later in the same folder
/// (`usr/bin/perl` and `usr/bin/perl5.36.0`), so a small budget of the most recent files catches nearly all of them.
struct RecentFileContents {
    /// The most bytes kept at once.
    let budget: Int
    /// Files larger than this are not kept.
    let maximumFileSize: Int
    private var entries: [ImagePath: (contents: [UInt8], mode: UInt32, sequence: Int)] = [:]
    private var order: [(path: ImagePath, sequence: Int)] = []
    private var oldest = 0
    private var total = 0
    private var sequence = 0

    init(budget: Int = 16 << 20, maximumFileSize: Int = 4 << 20) {
        self.budget = budget
        self.maximumFileSize = maximumFileSize
    }

    /// The whole contents and mode of the file last written at `path`, if they are still kept.
    func file(at path: ImagePath) -> (contents: [UInt8], mode: UInt32)? {
        entries[path].map { ($0.contents, $0.mode) }
    }

    /// Keeps the whole contents of the file just written at `path`; returns whether it was kept.
    mutating func keep(_ contents: [UInt8], mode: UInt32, at path: ImagePath) -> Bool {
        forget(path)
        guard contents.count <= maximumFileSize, contents.count <= budget else { return false }
        sequence += 1
        entries[path] = (contents, mode, sequence)
        order.append((path, sequence))
        total += contents.count
        while total > budget, oldest < order.count {
            let (evicted, evictedSequence) = order[oldest]
            oldest += 1
            if let kept = entries[evicted], kept.sequence == evictedSequence {
                total -= kept.contents.count
                entries[evicted] = nil
            }
        }
        if oldest > 4096 {
            order.removeFirst(oldest)
            oldest = 0
        }
        return true
    }

    /// Drops what is kept for `path`: another entry replaced the file.
    mutating func forget(_ path: ImagePath) {
        if let kept = entries.removeValue(forKey: path) { total -= kept.contents.count }
    }
}
