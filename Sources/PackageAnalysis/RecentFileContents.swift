import ScanModel

/// The bytes of the files a layer walk read last, kept in one ring buffer, so that a hard link to one of them is
/// analyzed at once instead of in a second walk of the layer (which, for a layer streamed from a registry, would
/// download it again).
///
/// A tar archive writes a hard link after its target, most often a few entries later in the same folder
/// (`usr/bin/perl` and `usr/bin/perl5.36.0`), so a small window of the most recent files catches nearly all of them.
/// The window is one allocation, made when the first file is kept and reused for the whole walk: copying files into
/// it costs no allocator churn (which would raise the process's resident memory).
struct RecentFileContents {
    private struct Kept {
        var path: ImagePath
        var sequence: Int
        var start: Int
        var count: Int
        var mode: UInt32
    }

    /// The size of the window; files larger than this are not kept.
    let capacity: Int
    private var storage: [UInt8] = []
    private var position = 0
    private var kept: [ImagePath: Kept] = [:]
    /// Oldest first; entries forgotten or replaced stay until the window passes over them.
    private var order: [Kept] = []
    private var oldest = 0
    private var sequence = 0

    init(capacity: Int = 8 << 20) {
        self.capacity = capacity
    }

    /// The whole contents and mode of the file last written at `path`, if they are still kept.
    func file(at path: ImagePath) -> (contents: [UInt8], mode: UInt32)? {
        guard let entry = kept[path] else { return nil }
        return (Array(storage[entry.start..<entry.start + entry.count]), entry.mode)
    }

    /// Copies the whole contents of the file just written at `path` into the window.
    mutating func keep(_ contents: [UInt8], mode: UInt32, at path: ImagePath) {
        forget(path)
        guard !contents.isEmpty, contents.count <= capacity else { return }
        if storage.isEmpty { storage = [UInt8](repeating: 0, count: capacity) }
        var start = position
        if start + contents.count > capacity {
            // The tail is given up: what lies there is the oldest and goes first.
            evict { $0.start >= start }
            start = 0
        }
        let end = start + contents.count
        evict { $0.start < end && $0.start + $0.count > start }
        storage.replaceSubrange(start..<end, with: contents)
        sequence += 1
        let entry = Kept(path: path, sequence: sequence, start: start, count: contents.count, mode: mode)
        kept[path] = entry
        order.append(entry)
        position = end
    }

    /// Drops what is kept for `path`: another entry replaced the file.
    mutating func forget(_ path: ImagePath) {
        kept[path] = nil
    }

    /// Drops the oldest entries while they match `overlaps`.
    private mutating func evict(while overlaps: (Kept) -> Bool) {
        while oldest < order.count, overlaps(order[oldest]) {
            let entry = order[oldest]
            if kept[entry.path]?.sequence == entry.sequence { kept[entry.path] = nil }
            oldest += 1
        }
        if oldest > 4096 {
            order.removeFirst(oldest)
            oldest = 0
        }
    }
}
