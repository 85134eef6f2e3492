import ChanstatCore
import Foundation
import Testing

/// SPEC 14 "Files are files", at the one place every input file is read: a FIFO is refused without being
/// opened for a blocking read (with no writer, open(2) would wait for ever and this test would never end), and a
/// file over its limit is refused by its size without its bytes being read.
@Suite final class InputFileTests {
    /// Each test's own folder (Swift Testing makes an instance per test), removed with the instance: every test
    /// made one, and only the FIFO test used to remove it.
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func refusal(_ file: InputFile, limit: Int) -> InputFileRefusal? {
        do {
            _ = try file.contents(atMost: limit)
            return nil
        } catch {
            return error
        }
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let fifo = path("token")
        #expect(mkfifo(fifo, 0o600) == 0)
        let file = InputFile(fifo, role: "token file")
        let refused = try #require(refusal(file, limit: InputFile.tokenLimit))
        #expect(refused.reason == .notRegular(.fifo))
        #expect(refused.message == "the token file \(fifo) is a FIFO (named pipe), not a regular file")
        #expect(throws: InputFileRefusal.self) { try file.prefix(100) }
        #expect(file.refusalReason() == .notRegular(.fifo))
    }

    @Test func aDeviceAndADirectoryAreRefusedByKind() {
        #expect(InputFile("/dev/zero", role: "config file").refusalReason() == .notRegular(.characterDevice))
        #expect(refusal(InputFile("/dev/zero", role: "config file"), limit: 10)?.problem
                == "is a character device, not a regular file")
        #expect(InputFile(directory.path, role: "config file").refusalReason() == .notRegular(.directory))
        #expect(InputFile(path("none"), role: "config file").refusalReason() == .missing)
    }

    /// A sparse file of 3 GB: reading it would take 3 GB of memory and seconds of copying. The process's own
    /// count of bytes read (/proc/self/io) shows it was not read, not even in part.
    @Test func aHugeFileIsRefusedByItsSizeWithoutBeingRead() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let huge = path("huge")
        #expect(FileManager.default.createFile(atPath: huge, contents: Data("token".utf8)))
        #expect(truncate(huge, 3 << 30) == 0)
        let before = try Self.bytesReadByThisProcess()
        let refused = try #require(refusal(InputFile(huge, role: "token file"), limit: InputFile.tokenLimit))
        let read = try Self.bytesReadByThisProcess() - before
        #expect(refused.message == "the token file \(huge) is 3 GB; a token file is at most 4 KB")
        // Other tests run beside this one and read files too: far less than the file, not zero.
        #expect(read < 256 << 20, "\(read) bytes were read")
    }

    @Test func theLimitIsInclusiveAndAFileOneByteOverIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let exact = path("exact"), over = path("over")
        #expect(FileManager.default.createFile(atPath: exact, contents: Data(repeating: 0x61, count: 4096),
                                               attributes: [.posixPermissions: 0o640]))
        #expect(FileManager.default.createFile(atPath: over, contents: Data(repeating: 0x61, count: 4097)))
        let contents = try InputFile(exact, role: "token file").contents(atMost: 4096)
        #expect(contents.bytes.count == 4096)
        #expect(contents.permissions == 0o640)
        #expect(refusal(InputFile(over, role: "token file"), limit: 4096)?.problem
                == "is 4097 bytes; a token file is at most 4 KB")
        #expect(try InputFile(over, role: "database file").prefix(100).count == 100)
    }

    /// `rchar` in /proc/self/io: every byte this process got from read(2) and its kin, whatever the source.
    static func bytesReadByThisProcess() throws -> Int {
        let text = try String(contentsOfFile: "/proc/self/io", encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("rchar:") }),
              let count = Int(line.dropFirst("rchar:".count).trimmingCharacters(in: .whitespaces)) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return count
    }
}
