import ChanstatCore
import NIOCore
import NIOPosix
import PostgresNIO

/// The TCP or Unix-socket channel chanstat hands to postgres-nio (`Configuration(establishedChannel:)`), made here
/// so that `BackendMessageLimit` is in its pipeline before postgres-nio's decoder: postgres-nio's own connect
/// builds a pipeline nobody can add to. Made as postgres-nio makes it (NIO's bootstrap, its connect timeout,
/// postgres-nio's event loops); nothing else changes, TLS included.
enum GuardedChannel {
    static func open(_ target: PostgresTarget, tls: PostgresConnection.Configuration.TLS,
                     connectTimeout: Duration) async throws -> any Channel {
        let expectsEncryptionAnswer: Bool
        if case .tcp = target.endpoint { expectsEncryptionAnswer = tls.isAllowed } else { expectsEncryptionAnswer = false }
        let bootstrap = ClientBootstrap(group: PostgresConnection.defaultEventLoopGroup)
            .connectTimeout(.milliseconds(max(connectTimeout.wholeMilliseconds, 1)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        BackendMessageLimit(expectsEncryptionAnswer: expectsEncryptionAnswer))
                }
            }
        switch target.endpoint {
        case let .tcp(host, port):
            return try await bootstrap.connect(host: host, port: port).get()
        case .socket:
            return try await bootstrap.connect(unixDomainSocketPath: target.socketPath ?? "").get()
        }
    }

    /// The name TLS checks the certificate against and sends as SNI: the host, unless it is an IP literal (not
    /// valid in SNI). postgres-nio decides so itself for a connection it makes; for a channel given to it, it
    /// must be told.
    static func serverName(_ target: PostgresTarget) -> String? {
        guard case let .tcp(host, _) = target.endpoint else { return nil }
        return HostAddress(host).isIPLiteral ? nil : host
    }
}
