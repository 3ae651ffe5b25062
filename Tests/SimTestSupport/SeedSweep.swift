/// Runs `body` once per seed in `seeds`; the body receives the seed so its assertion messages can name
/// the failing one.
public func withEverySeed(_ seeds: ClosedRange<UInt64>, _ body: (UInt64) throws -> Void) rethrows {
    for seed in seeds { try body(seed) }
}
