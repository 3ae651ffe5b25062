import Foundation
import SimTestSupport
import XCTest

/// The progress line appears on standard error only when it is a terminal, and `--no-progress`
/// silences it. Runs the built binary with its standard error on a pseudo-terminal.
final class ProgressTerminalTests: XCTestCase {
    /// Runs `sim` with standard error on a new pseudo-terminal; returns what the terminal received.
    private func stderrOnTerminal(_ arguments: [String]) throws -> (status: Int32, terminal: String) {
        guard let binary = SimBinary.url else { throw XCTSkip("the sim binary is not built next to the tests") }
        // posix_openpt/unlockpt/ptsname are not imported from Glibc; these are their Linux ioctls.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431 /* TIOCSPTLCK */, &unlock) == 0,
              ioctl(master, 0x8004_5430 /* TIOCGPTN */, &number) == 0 else {
            throw XCTSkip("no pseudo-terminal available")
        }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw XCTSkip("cannot open the pseudo-terminal") }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        try process.run()
        process.waitUntilExit()
        // The short run writes far less than the terminal buffers, so reading after exit loses nothing.
        close(slave)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        var received: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 4096)
        while case let n = read(master, &buffer, buffer.count), n > 0 { received += buffer[0..<n] }
        close(master)
        return (process.terminationStatus, String(decoding: received, as: UTF8.self))
    }

    func test_progressLine_onTerminal_showsETA_andNoProgressSilencesIt() throws {
        let arguments = ["compare", CLIHarness.quickstart, "--seeds", "1..3", "--set", "episodes=2", "--set", "world.localAgents=100"]
        let shown = try stderrOnTerminal(arguments)
        XCTAssertEqual(shown.status, 0)
        XCTAssertTrue(shown.terminal.contains("\rcompare"), shown.terminal.debugDescription)
        XCTAssertTrue(shown.terminal.contains("ETA "), shown.terminal.debugDescription)
        XCTAssertFalse(shown.terminal.contains("\n"), "one line redrawn in place")
        let silent = try stderrOnTerminal(arguments + ["--no-progress"])
        XCTAssertEqual(silent.status, 0)
        XCTAssertEqual(silent.terminal, "")
    }
}
