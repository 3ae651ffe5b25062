/// Removing one field from a source, so that validation can go on past a problem (see
/// ``Scenario/problems(in:limits:maximum:)``).
extension ScenarioSource {
    /// The same source without the field at `path` (`world.localAgents`, `policies.a.local[2][1]`: an
    /// array element's path removes the whole field that holds the array); nil when the path names no
    /// field of the tree.
    func removing(_ path: String) -> ScenarioSource? {
        let keys = Self.keys(of: path)
        guard !keys.isEmpty, let pruned = Self.remove(keys[...], from: tree) else { return nil }
        return ScenarioSource(tree: pruned, context: context)
    }

    /// The object keys of a path, up to its first array index.
    static func keys(of path: String) -> [String] {
        let objectPart = path.split(separator: "[", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? path
        return objectPart.split(separator: ".", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    private static func remove(_ keys: ArraySlice<String>, from value: JSONValue) -> JSONValue? {
        guard case .object(var members) = value, let key = keys.first,
              let index = members.firstIndex(where: { $0.key == key }) else { return nil }
        if keys.count == 1 {
            members.remove(at: index)
        } else {
            guard let child = remove(keys.dropFirst(), from: members[index].value) else { return nil }
            members[index].value = child
        }
        return .object(members)
    }
}
