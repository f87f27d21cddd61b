/// What a user knows about an ODE that the default method choice cannot see
/// (DifferentialEquations.jl's `alg_hints`).
public enum ODEAlgorithmHint: Sendable, Hashable {
  /// Let the solver detect stiffness and switch (the default).
  case auto
  /// The problem is stiff throughout: a stiff method alone.
  case stiff
  /// The problem is not stiff: an explicit method alone.
  case nonstiff
}
