/// The arithmetic one event of a run computes, item by item, in operations (multiply-adds, as `Double`:
/// products of large counts must not overflow while being estimated). A run can only be stopped between
/// events, so the estimate bounds how long Ctrl-C or SIGTERM may wait; ``ResourceLimits/check(work:context:)``
/// refuses a run whose costliest event exceeds ``ResourceLimits/maxWork``.
///
/// Items of one estimate are summed: they are the phases of one round (or one training round), so the sum
/// bounds the costliest single event from above.
public struct WorkEstimate: Sendable {
    public struct Item: Sendable {
        /// The field that drives the cost (`policies.fedmoe`).
        public var path: String
        /// What is computed, with the arithmetic.
        public var what: String
        public var operations: Double
        public var value: JSONValue?
        /// How to get under the limit.
        public var hint: String
    }

    public private(set) var items: [Item] = []

    public init() {}

    /// Adds `operations` for `path`.
    public mutating func add(_ path: String, operations: Double, what: String, value: JSONValue? = nil, hint: String) {
        items.append(Item(path: path, what: "\(what) ≈ \(MemoryEstimate.number(operations.rounded(.up))) operations",
                          operations: operations, value: value, hint: hint))
    }

    /// The sum of every item.
    public var totalOperations: Double { items.reduce(0) { $0 + $1.operations } }
}

extension ResourceLimits {
    /// Throws when one event would compute more than ``maxWork`` operations, naming the field that
    /// contributes most.
    /// - Throws: ``ScenarioError/invalid(_:)`` at that field's path, with both counts in the message.
    public func check(work estimate: WorkEstimate, context: ConfigContext) throws {
        let total = estimate.totalOperations
        guard total > maxWork, let largest = estimate.items.max(by: { $0.operations < $1.operations }) else { return }
        throw context.issue(largest.path,
                            "one event of the run would compute about \(MemoryEstimate.number(total.rounded(.up))) operations "
                            + "(\(largest.what)), more than the \(MemoryEstimate.number(maxWork)) allowed (\(workOrigin)): "
                            + "it could not be interrupted for minutes",
                            value: largest.value, hint: largest.hint + "; SIM_WORK_LIMIT sets the budget")
    }
}
