/// The sparsity of `∂f/∂u`, for the stiff solvers' linear algebra and for coloured
/// finite-difference Jacobians (DifferentialEquations.jl's `jac_prototype`).
public enum JacobianPrototype: Sendable, Equatable {
  /// Nonzeros only within `lower` subdiagonals and `upper` superdiagonals: banded LU, and a
  /// finite-difference Jacobian in `lower + upper + 1` evaluations of `f`.
  case banded(lower: Int, upper: Int)
}
