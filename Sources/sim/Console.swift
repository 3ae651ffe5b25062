import Foundation

/// Standard output and error. Only `sim` touches them.
struct Console {
    /// Collected output instead of the real streams (in-process tests).
    private(set) var capturedOut = ""
    private(set) var capturedErr = ""
    let capturing: Bool

    static let live = Console(capturing: false)
    static let capture = Console(capturing: true)

    mutating func out(_ text: String) {
        if capturing { capturedOut += text + "\n" } else { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
    }

    mutating func err(_ text: String) {
        if capturing { capturedErr += text + "\n" } else { FileHandle.standardError.write(Data((text + "\n").utf8)) }
    }

    /// Writes `text` to standard error without a newline (progress lines redraw in place).
    mutating func errPartial(_ text: String) {
        if capturing { capturedErr += text } else { FileHandle.standardError.write(Data(text.utf8)) }
    }

    /// Writes `text` to standard output without a newline (the prompt of `sim step`).
    mutating func outPartial(_ text: String) {
        if capturing { capturedOut += text } else { FileHandle.standardOutput.write(Data(text.utf8)) }
    }
}
