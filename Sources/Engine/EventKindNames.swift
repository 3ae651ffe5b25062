import Foundation

/// The names of event kinds, interned once per process so that ``EventKind`` stays a plain value.
///
/// Built-in names sit at fixed indices 0…5 and are read without locking; other names are appended
/// under a lock the first time a kind with that name is made and never removed (a scenario has a
/// handful of kinds, so the table stays tiny). Indices are process-local and never written out:
/// traces and results use the names.
enum EventKindNames {
    /// The built-in names, at their indices.
    static let builtIn = ["worldTick", "observe", "globalObserve", "globalStep", "policyStep", "mixtureUpdate"]

    /// The names by index, and the index of each name.
    private struct Table: Sendable {
        var names = EventKindNames.builtIn
        var indices: [String: UInt32] = Dictionary(uniqueKeysWithValues: EventKindNames.builtIn.enumerated().map { ($1, UInt32($0)) })
    }

    private static let table = Locked(Table())

    /// The index of `name`, interning it if new.
    static func index(of name: String) -> UInt32 {
        if let builtIn = builtIn.firstIndex(of: name) { return UInt32(builtIn) }
        return table.withLock { table in
            if let index = table.indices[name] { return index }
            let index = UInt32(table.names.count)
            table.names.append(name)
            table.indices[name] = index
            return index
        }
    }

    /// The name at `index`.
    static func name(at index: UInt32) -> String {
        if index < builtIn.count { return builtIn[Int(index)] }
        return table.withLock { $0.names[Int(index)] }
    }
}
