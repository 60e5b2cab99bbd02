import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A response read whole, bounded: manifests, tokens, error bodies.
struct CollectedResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
}

/// Collects a response body of at most `limit` bytes; a larger one fails the request as soon as it shows.
///
/// `@unchecked Sendable`: AsyncHTTPClient calls a delegate on the request's event loop only, one call at a time, and
/// `head` and `body` are touched nowhere else.
final class CollectingDelegate: HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = CollectedResponse

    /// The error a body over the limit fails the request with.
    struct TooLarge: Error {}

    private let limit: Int
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []

    init(limit: Int) { self.limit = limit }

    func didReceiveHead(task: HTTPClient.Task<Response>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        self.head = head
        if let length = head.headers.first(name: "Content-Length").flatMap(Int.init), length > limit {
            return task.eventLoop.makeFailedFuture(TooLarge())
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Response>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        guard body.count + buffer.readableBytes <= limit else { return task.eventLoop.makeFailedFuture(TooLarge()) }
        body.append(contentsOf: buffer.readableBytesView)
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Response>) throws -> Response {
        CollectedResponse(status: Int(head?.status.code ?? 0), headers: head?.headers ?? [:], body: body)
    }
}

/// Streams a response body to a synchronous reader through a bounded buffer.
///
/// AsyncHTTPClient delivers body parts on its event-loop threads; the scanner's layer walk pulls them with blocking
/// `read(into:)` calls from its own thread. When `highWater` bytes wait unread, the delegate stops the connection
/// (it returns an unfulfilled future) until the reader drains below `lowWater`: memory stays bounded whatever the
/// blob's size, and no body is copied to disk.
///
/// `@unchecked Sendable`: every stored property but the constants is guarded by `condition`.
final class StreamingDelegate: HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = Void

    private let condition = NSCondition()
    private var head: HTTPResponseHead?
    private var headWaiter: CheckedContinuation<HTTPResponseHead, any Error>?
    private var chunks: [ByteBuffer] = []
    private var firstChunk = 0
    private var buffered = 0
    private var isFinished = false
    private var failure: (any Error)?
    private var paused: EventLoopPromise<Void>?
    private let highWater: Int
    private let lowWater: Int

    init(highWater: Int = 8 << 20) {
        self.highWater = highWater
        self.lowWater = highWater / 2
    }

    /// Waits for the response head without blocking a thread.
    func responseHead() async throws -> HTTPResponseHead {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            if let head {
                condition.unlock()
                continuation.resume(returning: head)
            } else if let failure {
                condition.unlock()
                continuation.resume(throwing: failure)
            } else {
                headWaiter = continuation
                condition.unlock()
            }
        }
    }

    /// Blocks until the response head arrives (for a resumed transfer, which starts inside a synchronous read).
    func waitForHead(timeout: TimeAmount) throws -> HTTPResponseHead {
        let deadline = Date(timeIntervalSinceNow: Double(timeout.nanoseconds) / 1e9)
        condition.lock()
        defer { condition.unlock() }
        while head == nil && failure == nil {
            guard condition.wait(until: deadline) else { throw HTTPClientError.readTimeout }
        }
        if let head { return head }
        throw failure ?? HTTPClientError.readTimeout
    }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        condition.lock()
        self.head = head
        let waiter = headWaiter
        headWaiter = nil
        condition.unlock()
        waiter?.resume(returning: head)
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        condition.lock()
        defer { condition.unlock() }
        chunks.append(buffer)
        buffered += buffer.readableBytes
        condition.broadcast()
        guard buffered >= highWater else { return task.eventLoop.makeSucceededVoidFuture() }
        let promise = task.eventLoop.makePromise(of: Void.self)
        paused = promise
        return promise.futureResult
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) {
        condition.lock()
        failure = failure ?? error
        let waiter = headWaiter
        headWaiter = nil
        let promise = paused
        paused = nil
        condition.broadcast()
        condition.unlock()
        waiter?.resume(throwing: error)
        promise?.fail(error)
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        condition.lock()
        isFinished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Copies the next bytes into `buffer`, blocking until some arrive; 0 only at the end of the body.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        condition.lock()
        while firstChunk == chunks.count && !isFinished && failure == nil { condition.wait() }
        guard firstChunk < chunks.count else {
            let failure = self.failure
            condition.unlock()
            if let failure { throw failure }
            return 0
        }
        let count = min(buffer.count, chunks[firstChunk].readableBytes)
        chunks[firstChunk].withUnsafeReadableBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<count]))
        }
        chunks[firstChunk].moveReaderIndex(forwardBy: count)
        if chunks[firstChunk].readableBytes == 0 {
            firstChunk += 1
            if firstChunk > 64 {
                chunks.removeFirst(firstChunk)
                firstChunk = 0
            }
        }
        buffered -= count
        var resume: EventLoopPromise<Void>?
        if buffered <= lowWater, let promise = paused {
            paused = nil
            resume = promise
        }
        condition.unlock()
        resume?.succeed(())
        return count
    }

    /// Releases a paused connection when the reader gives up.
    func abandon() {
        condition.lock()
        let promise = paused
        paused = nil
        failure = failure ?? CancellationError()
        condition.unlock()
        promise?.fail(CancellationError())
    }
}
