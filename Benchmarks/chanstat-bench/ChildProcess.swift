import Foundation

/// Runs a program to completion and measures it as a whole process: wall-clock time from spawn to exit,
/// and its own peak resident memory (wait4's rusage, per child, unlike RUSAGE_CHILDREN's running maximum).
struct ChildRun {
    let seconds: Double
    let peakKilobytes: Int
    let status: Int32
    let output: String
}

enum ChildProcess {
    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> ChildRun {
        let outputURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("chanstat-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out")
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let outputFD = open(outputURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard outputFD >= 0 else { throw BenchmarkError("cannot create \(outputURL.path)") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 1)
        defer { posix_spawn_file_actions_destroy(&actions) }

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }

        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, env)
        close(outputFD)
        guard spawned == 0 else { throw BenchmarkError("cannot start \(arguments[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let output = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return ChildRun(seconds: seconds, peakKilobytes: usage.ru_maxrss, status: exitStatus, output: output)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
