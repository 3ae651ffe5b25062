/// Splits blocks of bytes into lines ended by LF, CRLF or CR, numbered from 1, carrying a line cut
/// by a block boundary over to the next block.
struct CSVLineSplitter {
    let file: String
    private var partial: [UInt8] = []
    private var afterCR = false
    private var number = 0

    init(file: String) { self.file = file }

    /// Emits each complete line of `block`; stops early when `emit` returns false.
    mutating func feed(_ block: ArraySlice<UInt8>, _ emit: (ArraySlice<UInt8>, Int) throws -> Bool) throws {
        var start = block.startIndex, i = block.startIndex
        while i < block.endIndex {
            let byte = block[i]
            guard byte == 0x0A || byte == 0x0D else { afterCR = false; i += 1; continue }
            if byte == 0x0A && afterCR {
                // The LF of a CRLF whose CR ended the previous line.
                afterCR = false
                i += 1
                start = i
                continue
            }
            afterCR = byte == 0x0D
            number += 1
            let keepGoing: Bool
            if partial.isEmpty {
                try check(i - start, line: number)
                keepGoing = try emit(block[start..<i], number)
            } else {
                partial.append(contentsOf: block[start..<i])
                try check(partial.count, line: number)
                keepGoing = try emit(partial[...], number)
                partial.removeAll(keepingCapacity: true)
            }
            if !keepGoing { return }
            i += 1
            start = i
        }
        partial.append(contentsOf: block[start..<block.endIndex])
        try check(partial.count, line: number + 1)
    }

    /// Emits the last line when the text does not end with a line end.
    mutating func finish(_ emit: (ArraySlice<UInt8>, Int) throws -> Bool) throws {
        guard !partial.isEmpty else { return }
        number += 1
        _ = try emit(partial[...], number)
        partial.removeAll()
    }

    private func check(_ length: Int, line: Int) throws {
        guard length <= CSVTable.maximumLineBytes else {
            throw CSVError.malformed(file: file, line: line,
                                     detail: "a line longer than \(CSVTable.maximumLineBytes / (1 << 20)) MiB (is this a CSV file?)")
        }
    }
}
