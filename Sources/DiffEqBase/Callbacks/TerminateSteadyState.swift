extension DiscreteCallback {
  /// Ends the solve with ``ReturnCode/terminated`` once the state no longer changes
  /// (DifferentialEquations.jl's `TerminateSteadyState`): when, at the end of a step, every
  /// component of `du/dt = f(u, p, t)` (one evaluation a step) satisfies
  /// `|du/dtᵢ| ≤ abstol` or every component satisfies `|du/dtᵢ| ≤ reltol·|uᵢ|`.
  public static func terminateSteadyState(
    abstol: Double = 1e-8, reltol: Double = 1e-6, name: String? = "terminateSteadyState"
  ) -> DiscreteCallback {
    DiscreteCallback(
      integratorCondition: { integrator in
        let u = integrator.u
        let du = integrator.derivative(of: u, at: integrator.t)
        var absolute = true
        var relative = true
        for i in 0..<du.count {
          let d = abs(Double(du[i]))
          if d > abstol { absolute = false }
          if d > reltol * abs(Double(u[i])) { relative = false }
        }
        return absolute || relative
      },
      affect: { integrator in integrator.terminate() },
      savePositions: (false, false), name: name)
  }
}
