/// The process that drives an ``SDEProblem`` (DifferentialEquations.jl's `noise` argument).
public enum NoiseProcess: Sendable {
  /// Independent standard Wiener processes, one per noise source (the default).
  case wiener
  /// A Wiener process whose increments have covariance `Δt Γ` (DifferentialEquations.jl's
  /// `CorrelatedWienerProcess`): `ΔW = √Δt L ξ` with `Γ = L Lᵀ`, `ξ` standard normal. `Γ` is
  /// `m × m`, symmetric positive definite.
  case correlatedWiener(covariance: [[Double]])
  /// A given path (see ``NoiseGrid``).
  case grid(NoiseGrid)
  /// Independent Wiener processes computed as a function of the seed and the time (see
  /// ``VirtualBrownianTree``): the same seed gives the same path at any tolerance, at the
  /// cost of one bisection descent per value.
  case virtualBrownianTree
}
