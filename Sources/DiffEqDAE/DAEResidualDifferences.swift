import DiffEqBase

/// Dense difference quotients of a residual `F(u′, u, p, t)` at one point, for the
/// initialization and the index test (not the integration, which uses the method's own
/// iteration matrix): column `j` of `∂F/∂u′` or `∂F/∂u` is `(F(… vⱼ + σⱼ …) − F)/σⱼ` with
/// RADAU5's increment `σⱼ = √(ε·max(10⁻⁵, |vⱼ|))`, which stays resolvable next to `O(1)`
/// terms of the same equation even when `vⱼ = 0`.
public struct DAEResidualDifferences<State: StateVector, Parameters: Sendable> {
  /// The residual.
  public let residual: @Sendable (inout State, State, State, Parameters, Double) -> Void
  @usableFromInline var f0: State
  @usableFromInline var f1: State
  @usableFromInline var perturbed: State

  /// Scratch for states shaped like `prototype`.
  @inlinable
  public init(
    residual: @escaping @Sendable (inout State, State, State, Parameters, Double) -> Void,
    prototype: State
  ) {
    self.residual = residual
    f0 = prototype.zeroed()
    f1 = prototype.zeroed()
    perturbed = prototype.zeroed()
  }

  /// RADAU5's increment for a component of value `v`.
  @inlinable
  static func increment(_ v: Double) -> Double {
    (Double.ulpOfOne * max(1e-5, abs(v))).squareRoot()
  }

  /// The matrix whose column `j` is `∂F/∂u′ⱼ` where `derivativeColumn[j]`, else `∂F/∂uⱼ`, at
  /// `(du, u, p, t)`: `∂F/∂u′` alone with all `true`, `∂F/∂u` with all `false`, and the
  /// matrix of the index-1 test and of Brown's initialization with the differential
  /// components `true`.
  @inlinable
  public mutating func matrix(
    du: State, u: State, p: Parameters, t: Double, derivativeColumn: [Bool]
  ) -> DenseMatrix {
    let n = u.count
    var m = DenseMatrix(size: n)
    residual(&f0, du, u, p, t)
    for j in 0..<n {
      let onDerivative = derivativeColumn[j]
      perturbed.assign(onDerivative ? du : u)
      let v = Double(perturbed[j])
      let sigma = Self.increment(v)
      perturbed[j] = State.Scalar(v + sigma)
      let actual = Double(perturbed[j]) - v
      if onDerivative {
        residual(&f1, perturbed, u, p, t)
      } else {
        residual(&f1, du, perturbed, p, t)
      }
      for i in 0..<n { m[i, j] = (Double(f1[i]) - Double(f0[i])) / actual }
    }
    return m
  }

  /// `F(du, u, p, t)` as an array.
  public mutating func value(du: State, u: State, p: Parameters, t: Double) -> [Double] {
    residual(&f0, du, u, p, t)
    return (0..<f0.count).map { Double(f0[$0]) }
  }
}
