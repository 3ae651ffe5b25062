/// The kind of an event; its name is part of the trace format.
///
/// Built-in kinds have fixed ids and default priorities giving, within one tick,
/// `worldTick < observe < globalObserve < globalStep < policyStep < mixtureUpdate`.
/// Scenario-defined kinds are created with ``custom(_:index:priority:)`` and carry their own name.
///
/// A kind is a plain 12-byte value: the name is kept once in ``EventKindNames`` and referred to by
/// index, so events, heap nodes and schedule requests copy without reference counting (the run loop
/// copies them once per event).
public struct EventKind: Hashable, Sendable, CustomStringConvertible {
    /// Dense id: built-ins are 0…5, custom kinds follow.
    public let id: UInt16
    /// Default priority within one tick (lower runs first).
    public let priority: Int32
    /// Where ``name`` is kept in ``EventKindNames``.
    @usableFromInline let nameIndex: UInt32

    /// The trace name.
    public var name: String { EventKindNames.name(at: nameIndex) }

    init(id: UInt16, name: String, priority: Int32) {
        self.id = id
        self.priority = priority
        nameIndex = EventKindNames.index(of: name)
    }

    /// Exogenous dynamics.
    public static let worldTick = EventKind(id: 0, name: "worldTick", priority: 0)
    /// An agent observes its state or new data.
    public static let observe = EventKind(id: 1, name: "observe", priority: 10)
    /// The global agent or server samples k of n local states.
    public static let globalObserve = EventKind(id: 2, name: "globalObserve", priority: 20)
    /// The global agent acts.
    public static let globalStep = EventKind(id: 3, name: "globalStep", priority: 30)
    /// Agents act.
    public static let policyStep = EventKind(id: 4, name: "policyStep", priority: 40)
    /// The server recomputes mixture weights / its prediction.
    public static let mixtureUpdate = EventKind(id: 5, name: "mixtureUpdate", priority: 50)

    /// The built-in kinds in priority order.
    public static let builtIn: [EventKind] = [.worldTick, .observe, .globalObserve, .globalStep, .policyStep, .mixtureUpdate]

    /// A scenario-defined kind. `index` numbers the custom kinds of one scenario from 0.
    public static func custom(_ name: String, index: Int, priority: Int32 = 60) -> EventKind {
        EventKind(id: UInt16(6 + index), name: name, priority: priority)
    }

    /// The built-in kind with this name, if any.
    public static func builtIn(named name: String) -> EventKind? {
        builtIn.first { $0.name == name }
    }

    public var description: String { name }

    @inlinable
    public static func == (a: EventKind, b: EventKind) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
