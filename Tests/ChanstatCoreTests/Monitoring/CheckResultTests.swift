import ChanstatCore
import Testing

/// `chanstat check`'s line (SPEC 13, the Monitoring Plugins Development Guidelines): the state, the words, then
/// perfdata `label=value[unit];warn;crit;min`, exactly.
@Suite struct CheckResultTests {
    static func range(_ text: String) throws -> ThresholdRange { try ThresholdRange(parsing: text) }

    @Test func theSpecsExampleLine() throws {
        let result = CheckResult.judge(.unattended, value: 3, scope: nil, warning: try Self.range("10"),
                                       critical: try Self.range("20"))
        #expect(result.line == "CHANSTAT OK - 3 unattended conversations | unattended=3;10;20;0")
        #expect(result.exitCode == 0)
    }

    @Test func warningThenCriticalAtTheirEdges() throws {
        let warning = try Self.range("10"), critical = try Self.range("20")
        let states = [10, 11, 20, 21].map {
            CheckResult.judge(.open, value: Int64($0), scope: nil, warning: warning, critical: critical).state
        }
        #expect(states == [.ok, .warning, .warning, .critical])
        let line = CheckResult.judge(.open, value: 21, scope: nil, warning: warning, critical: critical).line
        #expect(line == "CHANSTAT CRITICAL - 21 open conversations | open=21;10;20;0")
    }

    @Test func criticalWinsWhenBothAlert() throws {
        let result = CheckResult.judge(.waiting, value: 5, scope: nil, warning: try Self.range("@1:10"),
                                       critical: try Self.range("@5:5"))
        #expect(result.state == .critical && result.exitCode == 2)
    }

    @Test func theOldestWaitInSecondsOnOneChannel() throws {
        let result = CheckResult.judge(.oldestWait, value: 5400, scope: "Email", warning: try Self.range("3600"),
                                       critical: try Self.range("~:7200"))
        #expect(result.line == "CHANSTAT WARNING - oldest wait 5400 seconds on Email | oldest_wait=5400s;3600;~:7200;0")
        #expect(result.exitCode == 1)
    }

    @Test func noThresholdsLeaveTheirFieldsEmpty() {
        let result = CheckResult.judge(.snoozed, value: 1, scope: nil, warning: nil, critical: nil)
        #expect(result.line == "CHANSTAT OK - 1 snoozed conversation | snoozed=1;;;0")
    }

    @Test func unknownCarriesTheReasonOnTheLine() {
        let result = CheckResult.unknown("cannot open x.sqlite: no such file\u{1B}[2J")
        #expect(result.line == "CHANSTAT UNKNOWN - cannot open x.sqlite: no such file\u{FFFD}[2J")
        #expect(result.exitCode == 3)
    }

    @Test func valuesFromTheQueue() {
        let counts = QueueCounts(open: 7, unattended: 4, unassigned: 2, pending: 1, snoozed: 3, waiting: 2,
                                 oldestWaitSeconds: 5400, waitAges: [:])
        let values = CheckMetric.allCases.map { $0.value(in: counts) }
        #expect(values == [7, 4, 2, 1, 3, 2, 5400])
        // Nobody waits: 0 seconds. Not known (Chatwoot's API): nil, never 0.
        #expect(CheckMetric.oldestWait.value(in: QueueCounts(open: 1)) == 0)
        let overHTTP = QueueCounts(open: 1, pending: nil, snoozed: nil, waiting: nil, waitAges: nil)
        #expect(CheckMetric.oldestWait.value(in: overHTTP) == nil)
        #expect(CheckMetric.snoozed.value(in: overHTTP) == nil)
    }
}
