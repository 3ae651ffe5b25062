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
        let text = Self.printable(text)
        if capturing { capturedOut += text + "\n" } else { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
    }

    mutating func err(_ text: String) {
        let text = Self.printable(text)
        if capturing { capturedErr += text + "\n" } else { FileHandle.standardError.write(Data((text + "\n").utf8)) }
    }

    /// `text` with C0 control characters other than newline and tab written as `\u{1b}`: names and values
    /// come from scenario files, and an escape sequence in a name must not drive the terminal.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) { out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        // C0 only: JSON lines printed here escape C0 themselves, and may carry DEL or C1 characters verbatim.
        scalar.value < 0x20 && scalar != "\n" && scalar != "\t"
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
