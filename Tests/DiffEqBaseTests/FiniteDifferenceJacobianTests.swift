import DiffEqTestSupport
import DifferentialEquations
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A tridiagonal nonlinear model (a discretised reaction–diffusion line) with its exact
/// Jacobian, for the finite-difference Jacobians.
struct ReactionDiffusionLine: ODEFunction {
  func callAsFunction(_ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double) {
    let n = u.count
    for i in 0..<n {
      let left = i > 0 ? u[i - 1] : 0
      let right = i < n - 1 ? u[i + 1] : 0
      du[i] = left - 2 * u[i] + right - u[i] * u[i] * u[i] + sin(t) * u[i]
    }
  }

  static func jacobian(_ u: [Double], _ t: Double) -> DenseMatrix {
    let n = u.count
    var j = DenseMatrix(size: n)
    for i in 0..<n {
      j[i, i] = -2 - 3 * u[i] * u[i] + sin(t)
      if i > 0 { j[i, i - 1] = 1 }
      if i < n - 1 { j[i, i + 1] = 1 }
    }
    return j
  }
}

@Suite("Finite-difference Jacobians")
struct FiniteDifferenceJacobianTests {
  static let n = 12
  static let u = (0..<n).map { 0.5 + 0.3 * sin(Double($0)) }
  static let t = 0.7
  static let norm = ErrorNorm(abstol: .scalar(1e-8), reltol: 1e-6, norm: .rms)

  @Test("dense forward differences match the exact Jacobian to √ε accuracy, n evaluations")
  func dense() {
    let f = ReactionDiffusionLine()
    var f0 = [Double](repeating: 0, count: Self.n)
    f(&f0, Self.u, NullParameters(), Self.t)
    var fd = FiniteDifferenceJacobian(prototype: Self.u)
    var j = DenseMatrix(size: Self.n)
    var stats = SolverStats()
    fd.dense(
      f, NullParameters(), t: Self.t, u: Self.u, f0: f0, h: 1e-3, errorNorm: Self.norm, into: &j,
      stats: &stats)
    let exact = ReactionDiffusionLine.jacobian(Self.u, Self.t)
    let error = zip(j.storage, exact.storage).map { abs($0 - $1) }.max()!
    #expect(error <= 1e-6, "max error \(error)")
    #expect(stats.nf == Self.n)
  }

  @Test("banded (coloured) differences: the same Jacobian in lower + upper + 1 evaluations")
  func banded() {
    let f = ReactionDiffusionLine()
    var f0 = [Double](repeating: 0, count: Self.n)
    f(&f0, Self.u, NullParameters(), Self.t)
    var fd = FiniteDifferenceJacobian(prototype: Self.u)
    var j = BandedMatrix(size: Self.n, lower: 1, upper: 1)
    var stats = SolverStats()
    fd.banded(
      f, NullParameters(), t: Self.t, u: Self.u, f0: f0, h: 1e-3, errorNorm: Self.norm, into: &j,
      stats: &stats)
    let exact = ReactionDiffusionLine.jacobian(Self.u, Self.t)
    let error = zip(j.dense.storage, exact.storage).map { abs($0 - $1) }.max()!
    #expect(error <= 1e-6, "max error \(error)")
    // Three colours; the fourth evaluation, f₀, is the caller's (colours + 1 in all).
    #expect(stats.nf == 3)
  }

  @Test("the time derivative matches ∂f/∂t = cos(t)·u")
  func timeDerivative() {
    let f = ReactionDiffusionLine()
    var f0 = [Double](repeating: 0, count: Self.n)
    f(&f0, Self.u, NullParameters(), Self.t)
    var fd = FiniteDifferenceJacobian(prototype: Self.u)
    var dt = [Double](repeating: 0, count: Self.n)
    var stats = SolverStats()
    fd.timeDerivative(
      f, NullParameters(), t: Self.t, u: Self.u, f0: f0, h: 1e-3, into: &dt, stats: &stats)
    let error = zip(dt, Self.u).map { abs($0 - cos(Self.t) * $1) }.max()!
    #expect(error <= 1e-6, "max error \(error)")
  }
}
