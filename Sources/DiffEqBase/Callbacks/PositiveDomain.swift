extension CallbackSet {
  /// A domain check that rejects any step whose candidate state has a negative component
  /// (DifferentialEquations.jl's `PositiveDomain`, as an `isoutofdomain`): the step is
  /// retried smaller, so a solution that must stay non-negative (concentrations,
  /// populations) does.
  ///
  /// ```swift
  /// let sol = try solve(prob, Tsit5(), callback: .positiveDomain())
  /// ```
  public static func positiveDomain() -> CallbackSet {
    var set = CallbackSet()
    set.isOutOfDomain = { u, _, _ in
      for i in 0..<u.count where u[i] < 0 { return true }
      return false
    }
    return set
  }
}
