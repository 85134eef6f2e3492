import ChanstatCore
import ChanstatHTTP
import Foundation
import Testing

/// SPEC 14 "Files are files" for `--ca-file` and `$SSL_CERT_FILE`: a FIFO is refused without being opened
/// (before, reading it waited for ever) and a bundle over 1 MB by its size, before a byte is read.
@Suite struct CABundleFileTests {
    @Test func aFIFOAndAHugeFileAreRefusedUnread() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("ca.pem").path, huge = directory.appendingPathComponent("huge.pem").path
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(FileManager.default.createFile(atPath: huge, contents: Data("-----BEGIN CERTIFICATE-----\n".utf8)))
        #expect(truncate(huge, 1 << 30) == 0)

        #expect(throws: SourceError(.refused, "cannot use the CA bundle \(fifo) (--ca-file): it is a FIFO (named pipe), "
                                    + "not a regular file")) {
            try CertificateTrust(caFile: fifo, environment: [:])
        }
        #expect(throws: SourceError(.refused, "cannot use the CA bundle \(huge) ($SSL_CERT_FILE): it is 1 GB; "
                                    + "a CA bundle is at most 1 MB")) {
            try CertificateTrust(caFile: nil, environment: ["SSL_CERT_FILE": huge])
        }
    }
}
