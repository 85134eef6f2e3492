@testable import ChanstatPostgres
import NIOCore
import NIOEmbedded
import Testing

/// The length check on its own, in an EmbeddedChannel: message boundaries followed across reads cut anywhere,
/// libpq's limits by phase and type, and nothing passed on after a refusal.
struct BackendMessageLimitTests {
    static func message(_ type: Character, length: UInt32, body: Int? = nil) -> [UInt8] {
        [UInt8(type.asciiValue ?? 0), UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF),
         UInt8(length & 0xFF)] + [UInt8](repeating: 0, count: body ?? Int(length) - 4)
    }

    /// A login and a query's answer: AuthenticationOk, a parameter, ReadyForQuery, a data row longer than any short
    /// type may be, CommandComplete.
    static let conversation = message("R", length: 8) + message("S", length: 20) + message("Z", length: 5)
        + message("D", length: 40_000) + message("C", length: 13) + message("Z", length: 5)

    /// Feeds `bytes` in reads of `size`; returns what came through, or the refusal.
    static func feed(_ bytes: [UInt8], in size: Int, expectsEncryptionAnswer: Bool = false) -> (passed: Int, refusal: BackendProtocolViolation?) {
        let channel = EmbeddedChannel(handler: BackendMessageLimit(expectsEncryptionAnswer: expectsEncryptionAnswer))
        var passed = 0
        for start in stride(from: 0, to: bytes.count, by: size) {
            do {
                try channel.writeInbound(ByteBuffer(bytes: bytes[start..<min(start + size, bytes.count)]))
            } catch let refusal as BackendProtocolViolation {
                while let buffer = try? channel.readInbound(as: ByteBuffer.self) { passed += buffer.readableBytes }
                return (passed, refusal)
            } catch {
                Issue.record("unexpected \(error)")
            }
            while let buffer = try? channel.readInbound(as: ByteBuffer.self) { passed += buffer.readableBytes }
        }
        return (passed, nil)
    }

    @Test(arguments: [1, 2, 3, 5, 7, 4096, 1 << 20])
    func messagesCutAnywherePassUnchanged(readSize: Int) {
        let outcome = Self.feed(Self.conversation, in: readSize)
        #expect(outcome.refusal == nil)
        #expect(outcome.passed == Self.conversation.count)
    }

    @Test(arguments: [1, 3, 64])
    func aLengthOverTheLimitIsRefusedWhereverTheHeaderIsCut(readSize: Int) {
        let forged = Self.message("R", length: 8) + Self.message("Z", length: 5) + Self.message("D", length: 0x7FFF_FFF0, body: 100)
        let outcome = Self.feed(forged, in: readSize)
        #expect(outcome.refusal == BackendProtocolViolation(kind: .badLength(type: UInt8(ascii: "D"), length: 0x7FFF_FFF0,
                                                                             limit: 1 << 30, duringLogin: false)))
        // The login's 15 bytes, and at most the first 4 bytes of the forged header (held by the decoder, which waits
        // for the rest); never a byte of the forged message's body.
        #expect(outcome.passed < 15 + 5, "bytes of the forged message were passed on")
    }

    @Test func theLimitsFollowLibpq() {
        func refusal(_ bytes: [UInt8]) -> BackendProtocolViolation.Kind? { Self.feed(bytes, in: 1 << 20).refusal?.kind }
        let loggedIn = Self.message("R", length: 8) + Self.message("Z", length: 5)
        #expect(refusal(Self.message("R", length: 2_000)) == nil)
        #expect(refusal(Self.message("R", length: 2_001)) == .badLength(type: UInt8(ascii: "R"), length: 2_001, limit: 2_000, duringLogin: true))
        #expect(refusal(Self.message("E", length: 30_001)) == .badLength(type: UInt8(ascii: "E"), length: 30_001, limit: 30_000, duringLogin: true))
        #expect(refusal(loggedIn + Self.message("E", length: 30_001)) == nil)
        #expect(refusal(loggedIn + Self.message("C", length: 30_001)) == .badLength(type: UInt8(ascii: "C"), length: 30_001, limit: 30_000, duringLogin: false))
        #expect(refusal(Self.message("K", length: 3, body: 0)) == .badLength(type: UInt8(ascii: "K"), length: 3, limit: 30_000, duringLogin: true))
    }

    /// TLS asked for: a bare `N` (no length) and then messages as usual; an `S` with anything after it in the same read
    /// is someone injecting clear text.
    @Test func theAnswerToTheTLSRequest() {
        let refused = Self.feed([UInt8(ascii: "N")] + Self.conversation, in: 4096, expectsEncryptionAnswer: true)
        #expect(refused.refusal == nil)
        #expect(refused.passed == Self.conversation.count + 1)
        let injected = Self.feed([UInt8(ascii: "S")] + Self.message("R", length: 8), in: 4096, expectsEncryptionAnswer: true)
        #expect(injected.refusal?.kind == .clearTextAfterTLSAgreement)
        #expect(injected.passed == 0)
    }
}
