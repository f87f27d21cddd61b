/// What a composite method did: its methods, which one took which steps, and every switch
/// with the stiffness measurement behind it (``ODESolution/algorithmChoice``).
///
/// ```swift
/// let sol = try solve(prob)                   // the default: a composite
/// print(sol.algorithmChoice!)                 // one line: methods, steps, switches
/// sol.algorithmChoice!.switches               // when and why
/// sol.algorithmChoice!.method(atStep: 120)    // "Rodas5P"
/// ```
public struct AlgorithmChoice: Sendable, Equatable, CustomStringConvertible {
  /// The composite's methods, non-stiff first.
  public let methods: [String]
  /// The index in ``methods`` of the method that took the first step.
  public let initialMethod: Int
  /// The switches, in order.
  public let switches: [AlgorithmSwitch]
  /// Accepted steps taken by each method.
  public let stepCounts: [Int]
  /// Why these methods (the default policy's reasoning), or `nil` when the user named them.
  public let reason: String?
  /// Whether the switch cap was reached (the last method stayed in use after it).
  public let reachedSwitchCap: Bool

  /// A record.
  public init(
    methods: [String], initialMethod: Int, switches: [AlgorithmSwitch], stepCounts: [Int],
    reason: String?, reachedSwitchCap: Bool
  ) {
    self.methods = methods
    self.initialMethod = initialMethod
    self.switches = switches
    self.stepCounts = stepCounts
    self.reason = reason
    self.reachedSwitchCap = reachedSwitchCap
  }

  /// Total accepted steps.
  public var totalSteps: Int { stepCounts.reduce(0, +) }

  /// The method that took accepted step `step` (0-based).
  public func method(atStep step: Int) -> String {
    var current = methods[initialMethod]
    for change in switches where change.step <= step { current = change.to }
    return current
  }

  /// The method of every accepted step, in order.
  public var stepMethods: [String] { (0..<totalSteps).map { method(atStep: $0) } }

  /// The method used at time `t` (the one that took the step containing `t`; at a switch time,
  /// the method taken up).
  public func method(at t: Double) -> String {
    var current = methods[initialMethod]
    guard let first = switches.first else { return current }
    // Integration order: the switches' times are monotone in the direction of integration.
    let forward = switches.count < 2 || switches[1].t >= first.t
    for change in switches {
      if forward ? change.t <= t : change.t >= t { current = change.to } else { break }
    }
    return current
  }

  /// One line: `"AutoSwitch(Tsit5, Rodas5P): Tsit5 412 steps, Rodas5P 88 steps, 3 switches (first at t = 0.013: ρ·h/r = 1.04)"`.
  public var description: String {
    let counts = zip(methods, stepCounts).map { "\($0) \($1) steps" }.joined(separator: ", ")
    var line = "AutoSwitch(\(methods.joined(separator: ", "))): \(counts), "
    line += switches.count == 1 ? "1 switch" : "\(switches.count) switches"
    if let first = switches.first {
      let s = (first.stiffness * 100).rounded() / 100
      line += " (first at t = \(first.t): ρ·h/r = \(s))"
    }
    if reachedSwitchCap { line += "; switch cap reached" }
    if let reason { line += "; chosen because \(reason)" }
    return line
  }
}
