import Hummingbird
import NIOCore

/// Hummingbird's basic context, plus the client's address: the attack lines of serve's log name it (an
/// address, never a token).
public struct ServeContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    var client: String { remoteAddress?.ipAddress ?? "unknown" }
}
