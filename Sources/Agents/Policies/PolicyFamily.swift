/// A policy family's description of itself: the `kind` scenario files name it by and the one line
/// `sim list policies` prints. Each family's type holds its own (``DescribedPolicy/family``), so a
/// policy name is written once, where the policy is defined.
public struct PolicyFamily: Sendable, Hashable {
    /// The name a scenario's `policies.<name>.kind` (or `local`) gives.
    public let kind: String
    /// One line for `sim list policies`.
    public let summary: String

    public init(kind: String, summary: String) {
        self.kind = kind
        self.summary = summary
    }
}

/// A policy type that describes its family; its instances' ``PolicyRole/kind`` is the family's.
public protocol DescribedPolicy {
    /// The family this type implements.
    static var family: PolicyFamily { get }
}

extension PolicyRole where Self: DescribedPolicy {
    public var kind: String { Self.family.kind }
}
