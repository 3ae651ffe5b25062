/// Simulated time.
///
/// Tick-based worlds schedule their events at whole numbers, which `Double` represents exactly up to
/// 2^53, so `t = 3.0` compares equal however it was reached. No rounding is ever applied.
public typealias SimTime = Double
