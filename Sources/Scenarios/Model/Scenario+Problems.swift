/// Every problem of a scenario file at once, as a compiler lists them, instead of only the first.
///
/// Validation stops at the first problem it meets. To find the next one, the offending field is
/// removed and validation runs again, so the field's default (or a "missing" error) takes its place;
/// this repeats until the scenario validates, a problem cannot be removed (a required field), or a path
/// comes back. A removal can occasionally reveal a problem that fixing the first one would not (as in a
/// compiler's error recovery); the first problem is always the one a plain load reports.
extension Scenario {
    /// The problems of `source`, sorted by line (problems without a line last, in the order found); empty
    /// when it is valid. A syntax or read error is the only problem.
    /// - Parameter maximum: how many problems at most (each costs one validation).
    public static func problems(in source: ScenarioSource, limits: ResourceLimits = .machine, maximum: Int = 25) -> [ScenarioError] {
        var found: [ScenarioError] = [], paths: Set<String> = [], current = source
        while found.count < maximum {
            do {
                _ = try Scenario(source: current, limits: limits)
                break
            } catch let error as ScenarioError {
                guard let path = error.path else {
                    if found.isEmpty { found.append(error) }
                    break
                }
                if paths.contains(path) {
                    // A required field came back as missing: drop the object that holds it (a policy
                    // entry, say) and go on, unless that is the whole file.
                    let keys = ScenarioSource.keys(of: path)
                    let parent = keys.dropLast().joined(separator: ".")
                    guard !parent.isEmpty, !paths.contains(parent), let pruned = current.removing(parent) else { break }
                    paths.insert(parent)
                    current = pruned
                    continue
                }
                found.append(error)
                paths.insert(path)
                guard let pruned = current.removing(path) else { break }
                current = pruned
            } catch {
                break
            }
        }
        return found.enumerated().sorted { a, b in
            switch (line(of: a.element), line(of: b.element)) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }

    private static func line(of error: ScenarioError) -> Int? {
        if case .invalid(let issue) = error { return issue.line }
        return nil
    }
}
