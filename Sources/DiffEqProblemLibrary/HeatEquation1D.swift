import DiffEqBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The heat equation `uₜ = u_xx` on (0, 1) with zero boundary values, by second differences on
/// `n` interior points `xᵢ = i/(n + 1)`: the stiff linear system
///
/// ```
/// uᵢ′ = (n + 1)² (uᵢ₋₁ − 2uᵢ + uᵢ₊₁),   u₀ = uₙ₊₁ = 0
/// ```
///
/// whose eigenvalues `λₖ = −4(n + 1)² sin²(kπ/(2(n + 1)))` run from `−π²` to about
/// `−4(n + 1)²` (−1.6·10⁵ for n = 200). From the first eigenvector, `uᵢ(0) = sin(πxᵢ)`, the
/// exact solution is `uᵢ(t) = e^{λ₁t} sin(πxᵢ)`.
public struct HeatEquation1D: ODEFunction {
  /// Interior points.
  public let n: Int

  /// The system on `n` interior points.
  @inlinable public init(n: Int) { self.n = n }

  /// The right-hand side.
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    let scale = Double((n + 1) * (n + 1))
    for i in 0..<n {
      let left = i > 0 ? u[i - 1] : 0
      let right = i < n - 1 ? u[i + 1] : 0
      du[i] = scale * (left - 2 * u[i] + right)
    }
  }

  /// The tridiagonal Jacobian `(n + 1)² tridiag(1, −2, 1)` (constant).
  @inlinable
  public func jacobian(_ jac: inout DenseMatrix) {
    let scale = Double((n + 1) * (n + 1))
    jac.fill(0)
    for i in 0..<n {
      jac[i, i] = -2 * scale
      if i > 0 { jac[i, i - 1] = scale }
      if i < n - 1 { jac[i, i + 1] = scale }
    }
  }

  /// `λ₁ = −4(n + 1)² sin²(π/(2(n + 1)))`, the slowest eigenvalue.
  public var slowestEigenvalue: Double {
    let s = sin(Double.pi / (2 * Double(n + 1)))
    return -4 * Double((n + 1) * (n + 1)) * s * s
  }

  /// The exact solution at `t` from ``initialValue``.
  public func exact(at t: Double) -> [Double] {
    let decay = exp(slowestEigenvalue * t)
    return (1...n).map { decay * sin(Double.pi * Double($0) / Double(n + 1)) }
  }

  /// `uᵢ(0) = sin(πxᵢ)`.
  public var initialValue: [Double] { exact(at: 0) }

  /// The problem on `(0, tEnd)` with the analytic Jacobian; autonomous.
  public static func problem(n: Int, tEnd: Double) -> ODEProblem<HeatEquation1D> {
    let model = HeatEquation1D(n: n)
    return ODEProblem(
      model, u0: model.initialValue, tspan: (0, tEnd), p: NullParameters(),
      jac: { jac, _, _, _ in model.jacobian(&jac) }, isAutonomous: true)
  }
}
