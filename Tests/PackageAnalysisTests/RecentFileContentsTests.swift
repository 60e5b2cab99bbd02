import ScanModel
import Testing

@testable import PackageAnalysis

struct RecentFileContentsTests {
    static func bytes(_ value: UInt8, _ count: Int) -> [UInt8] { [UInt8](repeating: value, count: count) }

    @Test func keepsTheLatestFilesWithinItsWindow() {
        var recent = RecentFileContents(capacity: 10)
        recent.keep(Self.bytes(1, 4), mode: 0o755, at: ImagePath("a"))
        recent.keep(Self.bytes(2, 4), mode: 0o644, at: ImagePath("b"))
        #expect(recent.file(at: ImagePath("a"))?.contents == Self.bytes(1, 4))
        #expect(recent.file(at: ImagePath("a"))?.mode == 0o755)
        // The third does not fit after the second: the window wraps and overwrites the first.
        recent.keep(Self.bytes(3, 4), mode: 0o644, at: ImagePath("c"))
        #expect(recent.file(at: ImagePath("a")) == nil)
        #expect(recent.file(at: ImagePath("b"))?.contents == Self.bytes(2, 4))
        #expect(recent.file(at: ImagePath("c"))?.contents == Self.bytes(3, 4))
        // The fourth lands over the second.
        recent.keep(Self.bytes(4, 3), mode: 0o644, at: ImagePath("d"))
        #expect(recent.file(at: ImagePath("b")) == nil)
        #expect(recent.file(at: ImagePath("c"))?.contents == Self.bytes(3, 4))
        #expect(recent.file(at: ImagePath("d"))?.contents == Self.bytes(4, 3))
    }

    @Test func aFileLargerThanTheWindowOrEmptyIsNotKept() {
        var recent = RecentFileContents(capacity: 8)
        recent.keep(Self.bytes(1, 9), mode: 0, at: ImagePath("big"))
        recent.keep([], mode: 0, at: ImagePath("empty"))
        #expect(recent.file(at: ImagePath("big")) == nil)
        #expect(recent.file(at: ImagePath("empty")) == nil)
    }

    @Test func aReplacedOrForgottenFileIsNotServed() {
        var recent = RecentFileContents(capacity: 32)
        recent.keep(Self.bytes(1, 4), mode: 0, at: ImagePath("a"))
        recent.keep(Self.bytes(2, 4), mode: 0, at: ImagePath("a"))
        #expect(recent.file(at: ImagePath("a"))?.contents == Self.bytes(2, 4))
        recent.forget(ImagePath("a"))
        #expect(recent.file(at: ImagePath("a")) == nil)
    }

    @Test func manyFilesThroughASmallWindowKeepTheNewest() {
        var recent = RecentFileContents(capacity: 100)
        for index in 0..<10_000 {
            recent.keep(Self.bytes(UInt8(index % 251), 7 + index % 5), mode: 0, at: ImagePath("f\(index)"))
        }
        #expect(recent.file(at: ImagePath("f9999"))?.contents == Self.bytes(UInt8(9999 % 251), 7 + 9999 % 5))
        #expect(recent.file(at: ImagePath("f0")) == nil)
    }
}
