import ChanstatTestSupport
import Foundation

/// The dashboard fixture file with `serve` on it: the backend the proxy tests (nginx, the fault proxy) put
/// something in front of. Both stop, and the file goes, when it is released.
final class ServedFixture {
    let fixture: DashboardFixture
    let serve: ServeProcess

    /// Week A of account 1 in UTC, as `report` and the dashboard are given it.
    static let weekA = ["--account", "1", "--since", DashboardFixture.weekA.since, "--until", DashboardFixture.weekA.until,
                        "--utc"]
    static let token = ["CHATWOOT_API_TOKEN": DashboardFixture.token]

    init() throws {
        fixture = try DashboardFixture()
        serve = try ServeProcess(database: fixture.path)
    }

    deinit {
        serve.stop()
        fixture.remove()
    }
}
