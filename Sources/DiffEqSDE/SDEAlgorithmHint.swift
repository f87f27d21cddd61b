/// What a user knows about an SDE that the default method choice cannot see
/// (DifferentialEquations.jl's `alg_hints`).
public enum SDEAlgorithmHint: Sendable, Hashable {
  /// The drift is stiff: a drift-implicit method.
  case stiff
  /// The non-diagonal noise is commutative (`Lʲ G₍·ₖ₎ = Lᵏ G₍·ⱼ₎`): a Milstein method
  /// reaches strong order 1 without iterated integrals.
  case commutative
}
