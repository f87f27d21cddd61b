/// The sparsity of `∂f/∂u`, for the stiff solvers' linear algebra and for coloured
/// finite-difference Jacobians (DifferentialEquations.jl's `jac_prototype`).
public enum JacobianPrototype: Sendable, Equatable {
  /// Nonzeros only within `lower` subdiagonals and `upper` superdiagonals: banded LU, and a
  /// finite-difference Jacobian in `lower + upper + 1` evaluations of `f`.
  case banded(lower: Int, upper: Int)
  /// Nonzeros only where `pattern` has entries (its values are ignored): sparse LU in the BDF
  /// solvers (``SparseLUFactorization``), and a finite-difference Jacobian in as many
  /// evaluations of `f` as a greedy colouring of the columns needs (``ColumnColouring``).
  /// Rosenbrock methods use dense LU with it.
  case sparse(SparseMatrixCSC)
}
